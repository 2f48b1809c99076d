"""The languages the assistant speaks, decided by the data, and the browser's choice among them.

A language is supported when its knowledge file `data/knowledge/<lang>.yml` is present
(`call.yml` beside them holds the language-neutral facts); the interface texts, marker
words and mail texts of that language are data too (README, "A new language"). The
default language, for a reply or a page when nothing else tells, is the call's
`default_language` in `call.yml`. Both are read once per process, like the settings.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from bot.paths import data_dir

_FACTS = "call"  # data/knowledge/call.yml: the facts, in no language


def _read(knowledge: Path) -> tuple[str, tuple[str, ...]]:
    found = sorted(path.stem for path in knowledge.glob("*.yml") if path.stem != _FACTS)
    facts = yaml.safe_load((knowledge / f"{_FACTS}.yml").read_text(encoding="utf-8")) or {}
    default = str(facts.get("default_language") or "")
    if default not in found:
        raise ValueError(f"{knowledge}/{_FACTS}.yml: default_language {default!r} has no knowledge file")
    return default, (default, *(lang for lang in found if lang != default))


DEFAULT, SUPPORTED = _read(data_dir() / "knowledge")  # e.g. "fr", ("fr", "nl"): the default first


def is_supported(value: object) -> bool:
    """Whether `value` is a language the assistant speaks."""
    return isinstance(value, str) and value in SUPPORTED


def supported_or_default(value: object) -> str:
    """`value` when it is a supported language, else the default."""
    return value if isinstance(value, str) and value in SUPPORTED else DEFAULT


def accepted_languages(header: str | None) -> list[str]:
    """The primary language tags of an Accept-Language header, best first.

    q-values rank them (`nl;q=0.9, fr` gives fr then nl); equal ones keep the header's
    order; `q=0` and malformed q-values refuse a tag; `*` is left out.
    `nl-BE,nl;q=0.9,fr;q=0.8` -> ["nl", "fr"].
    """
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        lang = tag.lower().split("-")[0]
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if lang and lang != "*" and 0 < q <= 1:
            ranked.append((-q, position, lang))
    return list(dict.fromkeys(lang for _, _, lang in sorted(ranked)))


def preferred_language(header: str | None, available: Iterable[str] = SUPPORTED, default: str = DEFAULT) -> str:
    """The available language the browser ranks highest in Accept-Language, else `default`.

    `nl-BE,nl;q=0.9,fr;q=0.8` -> "nl"; `en-US,en` -> "fr" (the default).
    """
    offered = set(available)
    return next((lang for lang in accepted_languages(header) if lang in offered), default)
