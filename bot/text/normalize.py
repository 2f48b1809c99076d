"""Folding text so that case, accents and typographic quotes do not matter."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'", "\u00a0": " ", "\u202f": " "})
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case `text`, drop accents, unify apostrophes and collapse white space."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", text.lower()).strip()


def has_letters(text: str) -> bool:
    """True when `text` contains at least one letter (not only emoji, digits or symbols)."""
    return bool(_LETTER.search(text))


def words(text: str) -> list[str]:
    """The folded words of `text`, apostrophes and hyphens splitting words."""
    return re.findall(r"[a-z0-9]+", fold(text))


# A script or style element with its content, or any other tag: pasted markup, not words.
_MARKUP = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|</?[a-zA-Z][^<>]{0,200}>", re.IGNORECASE | re.DOTALL)


def blank_markup(text: str) -> str:
    """`text` with HTML tags (and script/style contents) replaced by spaces, offsets kept."""
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)
