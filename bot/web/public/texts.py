"""Interface texts of the applicant page, one data file per language
(`data/locales/page/<lang>.yml`, typography included: "Référence : …", "Referentie: …")."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from bot.language.languages import SUPPORTED
from bot.paths import data_dir


@cache
def interface_texts(lang: str) -> dict[str, Any]:
    """Every text of the page and the chat in `lang`, read once per process."""
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported language: {lang!r}")
    data = yaml.safe_load((data_dir() / "locales" / "page" / f"{lang}.yml").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"locales/page/{lang}.yml: expected a mapping")
    return data


def chat_text(lang: str, key: str, **values: object) -> str:
    """One sentence of the chat (`chat.<key>`) with its placeholders filled in."""
    return str(interface_texts(lang)["chat"][key]).format(**values)
