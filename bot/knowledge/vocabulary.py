"""Matchers over the vocabulary files, built once per language and section."""

from __future__ import annotations

from functools import cache

from bot.knowledge import load_knowledge
from bot.text.matcher import Hit, TermMatcher


@cache
def matcher(lang: str, section: str) -> TermMatcher:
    """A matcher for `data/vocabulary/<lang>.yml`, section `section`."""
    return TermMatcher(lang, load_knowledge(lang).vocabulary[section])


def found(lang: str, section: str, text: str) -> list[str]:
    """The keys of `section` mentioned in `text`, in order of appearance."""
    return matcher(lang, section).keys(text)


def affirmed(lang: str, hits: list[Hit], text: str) -> list[Hit]:
    """The `hits` (found in `text`) not denied by the word before them ("geen vzw", "pas
    de salons": the `negation` section)."""
    denied = {h.end for h in matcher(lang, "negation").hits(text)}
    return [h for h in hits if h.start not in denied]


def found_affirmed(lang: str, section: str, text: str) -> list[str]:
    """Like `found`, leaving out what the message denies ("un CPAS, pas une asbl")."""
    return list(dict.fromkeys(h.key for h in affirmed(lang, matcher(lang, section).hits(text), text)))
