"""Words that steer the conversation, found with the vocabulary matchers
(data/vocabulary/<lang>.yml): openers such as "et pour…" or "nee, ik bedoelde…" count
only at the very start of a message."""

from __future__ import annotations

import re

from bot.knowledge.vocabulary import found, matcher

# Punctuation does not break an opener ("non, je parlais du budget"): it is read as a space.
_PUNCTUATION = re.compile(r"[,;:!?.…«»\"()]")
_LEADING = " \t\n-–—'"


def opening(lang: str, section: str, text: str) -> tuple[str, str] | None:
    """(key, rest of the message) when a term of `section` opens `text`, after any
    fillers ("euh, en fait, je voulais dire…": the `fillers` section)."""
    clean = without_fillers(lang, " ".join(_PUNCTUATION.sub(" ", text).split()))
    return _opener(lang, section, clean) or _opener(lang, section, " ".join(_PUNCTUATION.sub(" ", text).split()))


def without_fillers(lang: str, text: str) -> str:
    """`text` without the fillers it starts with."""
    while True:
        filler = _opener(lang, "fillers", text)
        if not filler or not filler[1] or filler[1] == text:
            return text
        text = filler[1]


def _opener(lang: str, section: str, clean: str) -> tuple[str, str] | None:
    start = len(clean) - len(clean.lstrip(_LEADING))
    for hit in matcher(lang, section).hits(clean):
        if hit.char_start <= start:
            return hit.key, clean[hit.char_end :].strip(_LEADING)
        break
    return None


def says(lang: str, section: str, text: str) -> bool:
    """True when `text` contains a term of `section` anywhere."""
    return bool(found(lang, section, text))


__all__ = ["found", "opening", "says"]
