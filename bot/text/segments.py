"""Splitting a message into the parts an applicant puts in it.

A long message is an introduction and a question ("We are an asbl in Ixelles... What is
the total budget?"); a short one can hold two questions ("budget et date limite ?", "wie
mag meedoen en tot wanneer?"). The NLU classifies each part on its own
(bot/rasa_plugins/linear_intent_classifier.py) and the dialogue decides which parts are
questions and which are context (bot/dialogue/).

Sentences end at ? ! ; … or a full stop followed by a space, and at line breaks; inside a
sentence, clauses are cut at a coordinating word (left out of both) and after a comma or
a colon. The words that
coordinate are data: the `clause_breaks` section of data/vocabulary/<lang>.yml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A full stop ends a sentence only before white space (not "400.000", "a.s.b.l.x").
_SENTENCE_END = re.compile(r"[?!;…]+|\.(?=\s)|\.$|\n+")
_CLAUSE_END = {",", ":"}  # "j'ai 3 questions : le budget, la deadline…"


@dataclass(frozen=True)
class Span:
    """A stretch of the message: character offsets and the sentence it belongs to."""

    start: int
    end: int
    sentence: int
    question: bool  # its sentence ends with a question mark


def sentence_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, ends with "?") of each sentence with some content."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end(), "?" in match.group()))
        start = match.end()
    spans.append((start, len(text), False))
    return [(s, e, q) for s, e, q in spans if text[s:e].strip(" \t\n.?!;…,")]


def clause_spans(text: str, tokens: Sequence[tuple[int, int]], breaks: Iterable[str]) -> list[Span]:
    """The clauses of `text`; `tokens` are (start, end) offsets of its words.

    A clause starts at a sentence start, at a word of `breaks` (which stays out of both
    clauses) or after a comma or a colon. Clauses without any word are dropped.
    """
    breaking = {b.lower() for b in breaks}  # accents kept: "où" is not "ou"
    spans: list[Span] = []
    for number, (s_start, s_end, question) in enumerate(sentence_spans(text)):
        inside = [(a, b) for a, b in tokens if s_start <= a < s_end]
        current: list[tuple[int, int]] = []
        for a, b in inside:
            if text[a:b].lower() in breaking:
                _close(spans, current, number, question)
                current = []
                continue
            current.append((a, b))
            if text[b:].lstrip(" ")[:1] in _CLAUSE_END:
                _close(spans, current, number, question)
                current = []
        _close(spans, current, number, question)
    return spans


def _close(spans: list[Span], words: list[tuple[int, int]], sentence: int, question: bool) -> None:
    if words:
        spans.append(Span(words[0][0], words[-1][1], sentence, question))
