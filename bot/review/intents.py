"""The intents a maintainer can give a message: the domain's intents that are learnt from
examples (not those only the input guard sets), the two that answer "this is not a
question the assistant can answer from the call" first."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.language import SUPPORTED
from bot.paths import PROJECT_ROOT, data_dir

OUT_OF_SCOPE = "out_of_scope"  # "not about the call"
UNANSWERED = "ask_unanswered"  # "the text does not say"
FIRST = (OUT_OF_SCOPE, UNANSWERED)
_INTENT_LINE = re.compile(r"^- intent:\s*(\S+)\s*$", re.M)


def _trained(nlu_dir: Path) -> set[str]:
    """Intents with examples in every language's folder (data/nlu/<lang>/*.yml)."""
    per_language = [
        {m for path in (nlu_dir / lang).glob("*.yml") for m in _INTENT_LINE.findall(path.read_text(encoding="utf-8"))}
        for lang in SUPPORTED
    ]
    return set.intersection(*per_language) if per_language else set()


def intent_choices(domain: Path = PROJECT_ROOT / "domain.yml", nlu_dir: Path | None = None) -> tuple[str, ...]:
    """The domain's intents that have training examples, the two special answers first."""
    data = yaml.safe_load(domain.read_text(encoding="utf-8")) or {}
    declared = [str(i) if not isinstance(i, dict) else str(next(iter(i))) for i in data.get("intents", [])]
    trained = _trained(nlu_dir or data_dir() / "nlu")
    intents = [i for i in declared if i in trained]
    return tuple(i for i in FIRST if i in intents) + tuple(sorted(i for i in intents if i not in FIRST))
