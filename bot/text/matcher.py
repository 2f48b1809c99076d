"""Find vocabulary terms in a message with spaCy's PhraseMatcher on folded lemmas."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher

from bot.text.lemmas import analyse, pipeline


@dataclass(frozen=True)
class Hit:
    """One vocabulary key found in a message."""

    key: str
    term: str  # the words of the message that matched
    start: int  # token offsets, to prefer longer and earlier matches
    end: int
    char_start: int  # character offsets in the message
    char_end: int


class TermMatcher:
    """Matches a `{key: [terms]}` vocabulary against messages in one language."""

    def __init__(self, lang: str, vocabulary: Mapping[object, Sequence[str]]) -> None:
        self.lang = lang
        nlp = pipeline(lang)
        self._matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        for key, terms in vocabulary.items():
            odd = [t for t in terms if not isinstance(t, str)]
            if odd:  # YAML reads a bare `on`, `no` or `yes` as a boolean
                raise ValueError(f"vocabulary {key!r} ({lang}): quote the terms {odd!r}")
            self._matcher.add(str(key), list(nlp.pipe(terms)))

    def hits(self, text: str) -> list[Hit]:
        """Every match, longest first where two overlap; in message order."""
        doc = analyse(text, self.lang)
        found = []
        for match_id, start, end in self._matcher(doc):
            key = doc.vocab.strings[match_id]
            span = doc[start:end]
            found.append(Hit(key, span.text, start, end, span.start_char, span.end_char))
        found.sort(key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[Hit] = []
        for hit in found:
            if not any(k.start <= hit.start and hit.end <= k.end for k in kept):
                kept.append(hit)
        return kept

    def keys(self, text: str) -> list[str]:
        """Distinct keys found, in the order they first appear."""
        return list(dict.fromkeys(h.key for h in self.hits(text)))

    def counts(self, text: str) -> Counter[str]:
        """How many times each key was found."""
        return Counter(h.key for h in self.hits(text))
