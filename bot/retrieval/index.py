"""Ranking passages against a question by shared lemmas, weighted by rarity.

The score is the share of the question's information (the idf of its content lemmas)
that a passage covers. A question about something the call never mentions ("eligible
costs", "co-financing") has rare words no passage contains, so its score stays low:
that, and not a hand-made list, is what keeps the assistant from answering it. The
threshold is calibrated on tests/data/retrieval.yml (scripts/calibrate_retrieval.py)
and kept in data/retrieval.yml.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache

import yaml

from bot.knowledge import load_knowledge
from bot.paths import data_dir
from bot.retrieval.passages import Passage, passages
from bot.text.lemmas import analyse


def content_lemmas(text: str, lang: str) -> list[str]:
    """Folded lemmas of the words that carry meaning: no stop words, and no single letters or
    digits ("3" is dropped, "2016" kept)."""
    return [
        t.norm_
        for t in analyse(text, lang)
        # "-elle", "-t-il": French inversion, not content
        if not (t.is_punct or t.is_space or t.is_stop or t.lower_ in _STOP_EXTRA or t.text.startswith("-"))
        and len(t.norm_) > 1
    ]


# Question words and call-wide words that every passage could contain.
_STOP_EXTRA = frozenset(
    [
        "appel",
        "projet",
        "projets",
        "oproep",
        "project",
        "projecten",
        "quel",
        "quelle",
        "quels",
        "quelles",
        "welke",
        "welk",
        "wat",
        "wie",
        "hoe",
        "est-ce",
        "peut-on",
        "kan",
        "mag",
        "bien",
        "zijn",
    ]
)


@dataclass(frozen=True)
class Match:
    """A passage and how much of the question it covers."""

    passage: Passage
    score: float  # 0..1: the share of the question's weight found in the passage


class PassageIndex:
    """Passages of one language with the idf of their lemmas."""

    def __init__(self, items: list[Passage], lang: str) -> None:
        self.lang = lang
        self.items = items
        self._terms = [set(content_lemmas(" ".join((p.text, *p.terms)), lang)) for p in items]
        df = Counter(t for terms in self._terms for t in terms)
        n = len(items)
        self._idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self._unknown_idf = math.log((n + 1) / 0.5)  # a word no passage has weighs most

    def search(self, question: str) -> list[Match]:
        """Every passage with its score, best first."""
        terms = set(content_lemmas(question, self.lang))
        if not terms:
            return []
        weight = {t: self._idf.get(t, self._unknown_idf) for t in terms}
        total = sum(weight.values())
        scored = [
            Match(p, sum(weight[t] for t in terms & own) / total)
            for p, own in zip(self.items, self._terms, strict=True)
        ]
        return sorted(scored, key=lambda m: m.score, reverse=True)


@cache
def _index(lang: str, today: dt.date) -> PassageIndex:
    return PassageIndex(passages(load_knowledge(lang), today), lang)


@cache
def threshold() -> float:
    """The score from which a passage is taken as the answer (data/retrieval.yml)."""
    settings = yaml.safe_load((data_dir() / "retrieval.yml").read_text(encoding="utf-8"))
    return float(settings["threshold"])


def best_passage(question: str, lang: str, today: dt.date, minimum: float | None = None) -> Match | None:
    """The passage that answers `question`, or None when none scores high enough."""
    matches = _index(lang, today).search(question)
    limit = threshold() if minimum is None else minimum
    if matches and matches[0].score >= limit:
        return matches[0]
    return None
