"""Folding messages so that near-identical ones group together and repeats are found."""

from __future__ import annotations

import re
import unicodedata

from bot.tickets.anonymise import EMAIL_MASK, PHONE_MASK, anonymise

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
MIN_WORD = 3  # shorter words (le, de, is, en) say little about what was asked
MAX_KEY_CHARS = 255


def masked(text: str) -> str:
    """The text on one line, e-mail addresses and phone numbers masked."""
    return anonymise(" ".join(text.split()))


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: the grouping key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", plain).split())[:MAX_KEY_CHARS]


def words(text: str) -> set[str]:
    """The folded words that carry meaning."""
    return {word for word in fold(text).split() if len(word) >= MIN_WORD}


def similarity(a: str, b: str) -> float:
    """Share of meaningful words two messages have in common (Jaccard, 0 to 1)."""
    left, right = words(a), words(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def only_masks(text: str) -> bool:
    """True when nothing but masked contact details (and punctuation) is left: an e-mail
    address typed as an answer, not a question to learn from."""
    rest = masked(text).replace(EMAIL_MASK, " ").replace(PHONE_MASK, " ")
    return not fold(rest)
