"""Matchers over the vocabulary files, built once per language and section."""

from __future__ import annotations

from functools import cache

from bot.knowledge import load_knowledge
from bot.text.matcher import TermMatcher


@cache
def matcher(lang: str, section: str) -> TermMatcher:
    """A matcher for `data/vocabulary/<lang>.yml`, section `section`."""
    return TermMatcher(lang, load_knowledge(lang).vocabulary[section])


def found(lang: str, section: str, text: str) -> list[str]:
    """The keys of `section` mentioned in `text`, in order of appearance."""
    return matcher(lang, section).keys(text)
