"""The words the intent classifier saw in training, and how a message's words are read."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rasa.nlu.tokenizers.tokenizer import Token


def words_of(tokens: Sequence[Token]) -> list[str]:
    """The lemmas of the tokens that contain letters."""
    return [t.lemma or t.text for t in tokens if any(c.isalpha() for c in t.text)]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_REPEATS = re.compile(r"(.)\1{2,}")


class Lexicon:
    """The words seen in training, recognised through the usual chat variations: one typo
    in a word of 4 letters or more ("budjet"), letters held down ("stooop"), and compounds
    that contain a known word ("totaalbudget")."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self.near = frozenset(d for w in words if len(w) >= 4 for d in _deletions(w)) | words

    def recognises(self, word: str) -> bool:
        word = _REPEATS.sub(r"\1", word)
        if word in self.words:
            return True
        if len(word) < 4:
            return False
        if word in self.near or not self.near.isdisjoint(_deletions(word)):
            return True
        parts = (word[i:j] for i in range(len(word)) for j in range(i + 4, len(word) + 1))
        return any(part in self.words for part in parts)
