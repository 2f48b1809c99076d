"""Interface texts of the applicant page, one data file per language (`locales/<lang>.yml`)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("fr", "nl")
DEFAULT_LANGUAGE = "fr"
LOCALES = Path(__file__).parent / "locales"


@cache
def interface_texts(lang: str) -> dict[str, Any]:
    """Every text of the page and the chat in `lang`, read once per process."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang!r}")
    data = yaml.safe_load((LOCALES / f"{lang}.yml").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"locales/{lang}.yml: expected a mapping")
    return data


def chat_text(lang: str, key: str, **values: object) -> str:
    """One sentence of the chat (`chat.<key>`) with its placeholders filled in."""
    return str(interface_texts(lang)["chat"][key]).format(**values)


def language_or_default(value: object) -> str:
    """`value` when it is a supported language, else the default (French)."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def preferred_language(accept_language: str | None) -> str:
    """The supported language the browser ranks highest in Accept-Language, else French.

    `nl-BE,nl;q=0.9,fr;q=0.8` -> "nl"; `en-US,en` -> "fr".
    """
    best, best_q = DEFAULT_LANGUAGE, 0.0
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower().split("-")[0]
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        # Earlier entries win ties, as browsers list them in order of preference.
        score = q - position * 1e-6
        if lang in LANGUAGES and q > 0 and score > best_q:
            best, best_q = lang, score
    return best
