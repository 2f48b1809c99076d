"""Cleaning what applicants type, and folding it so that case, accents and quotes do not matter."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'", "\u00a0": " ", "\u202f": " "})
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_KEPT_CONTROLS = frozenset("\n\t")
_LINE_BREAKS = re.compile(r"\r\n?")


def clean_text(text: str) -> str:
    """`text` as the assistant reads and stores it.

    Lone surrogates (which no database can store) become U+FFFD; control characters but
    line breaks and tabs, and invisible format characters (zero-width spaces and joiners,
    bidirectional overrides, soft hyphens) are removed, since they split words for the
    NLU and the language detector; then NFC, so that "e" + combining accent is "é".
    """
    if text.isascii() and text.isprintable():  # nearly every message: nothing to do
        return text
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")  # joins valid pairs
    text = _LINE_BREAKS.sub("\n", text)
    text = "".join(c for c in text if c in _KEPT_CONTROLS or unicodedata.category(c) not in ("Cc", "Cf"))
    return unicodedata.normalize("NFC", text)


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
