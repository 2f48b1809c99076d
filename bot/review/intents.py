"""The intents a maintainer can give a message: the domain's, the two that answer
"this is not a question for the assistant" first."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.paths import PROJECT_ROOT

OUT_OF_SCOPE = "out_of_scope"  # "not about the call"
UNANSWERED = "ask_unanswered"  # "the text does not say"
FIRST = (OUT_OF_SCOPE, UNANSWERED)


def intent_choices(domain: Path = PROJECT_ROOT / "domain.yml") -> tuple[str, ...]:
    """Every intent of the domain, the two special answers first, the others sorted."""
    data = yaml.safe_load(domain.read_text(encoding="utf-8")) or {}
    intents = [str(i) if not isinstance(i, dict) else str(next(iter(i))) for i in data.get("intents", [])]
    return tuple(i for i in FIRST if i in intents) + tuple(sorted(i for i in intents if i not in FIRST))
