"""Find vocabulary terms in a message with spaCy's PhraseMatcher on folded lemmas."""

from __future__ import annotations

import re
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


_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_CLAUSE_END = re.compile(r"[,;.!?]")


def prepare(text: str) -> str:
    """Lower case (spaCy's French tokenizer splits "est-il" but not "Est-il") and compounds
    cut at their hyphens ("ICT-bedrijven" holds "bedrijven"); the length is kept, so the
    offsets of a match are the message's own."""
    prepared = _INNER_HYPHEN.sub(" ", text.lower())
    return prepared if len(prepared) == len(text) else text


def is_acronym(term: str) -> bool:
    """ "SA", "S.A.", "BV": matched as written, since "sa" is also a French word."""
    letters = term.replace(".", "")
    return term.isupper() and letters.isalpha() and len(letters) <= 5


class TermMatcher:
    """Matches a `{key: [terms]}` vocabulary against messages in one language: on folded
    lemmas, except acronyms written in capitals, matched as written."""

    def __init__(self, lang: str, vocabulary: Mapping[object, Sequence[str]]) -> None:
        self.lang = lang
        nlp = pipeline(lang)
        self._words = PhraseMatcher(nlp.vocab, attr="NORM")
        self._acronyms = PhraseMatcher(nlp.vocab, attr="NORM")  # kept only where written in capitals
        for key, terms in vocabulary.items():
            odd = [t for t in terms if not isinstance(t, str)]
            if odd:  # YAML reads a bare `on`, `no` or `yes` as a boolean
                raise ValueError(f"vocabulary {key!r} ({lang}): quote the terms {odd!r}")
            for matcher, chosen in ((self._words, False), (self._acronyms, True)):
                selected = [prepare(t) for t in terms if is_acronym(t) == chosen]
                if selected:
                    matcher.add(str(key), list(nlp.pipe(selected)))

    def hits(self, text: str) -> list[Hit]:
        """Every match, longest first where two overlap; in message order."""
        doc = analyse(prepare(text), self.lang)
        found = []
        for matcher, acronym in ((self._words, False), (self._acronyms, True)):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                written = text[span.start_char : span.end_char]
                if acronym and not written.isupper():
                    continue
                found.append(Hit(doc.vocab.strings[match_id], written, start, end, span.start_char, span.end_char))
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


def in_one_clause(text: str, a: Hit, b: Hit) -> bool:
    """No punctuation between hits `a` and `b` of `text` ("wij zijn in Brussel gevestigd,
    wat moeten we doen?" holds two clauses)."""
    first, second = sorted((a, b), key=lambda hit: hit.char_start)
    return not _CLAUSE_END.search(text[first.char_end : second.char_start])
