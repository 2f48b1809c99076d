"""Which priority measure(s) a free-text project description fits, and the words showing it.

Evidence is found with the project's TermMatcher (spaCy PhraseMatcher on folded lemmas):
activities, audiences and context from `data/vocabulary/measures.<lang>.yml`, and the
call's technologies from the `technologies` section of `data/vocabulary/<lang>.yml`. How
evidence turns into measures (requirements, weights, when a second measure is "close")
lives in `data/vocabulary/measures.yml`, so maintainers tune it without touching code.
Everything is read on first use and cached; importing this module does no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge import load_knowledge
from bot.knowledge.vocabulary import affirmed, found_affirmed
from bot.language.languages import DEFAULT, SUPPORTED
from bot.paths import data_dir
from bot.text.matcher import Hit, TermMatcher

SECTIONS = ("activities", "audiences", "context")
TECHNOLOGIES = "technologies"  # section of data/vocabulary/<lang>.yml
TECHNOLOGY = "technology"  # evidence key: one of the call's technologies
ICT = "ict"  # evidence key that other technologies (ai, blockchain, ...) count as

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'"})
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_NOWHERE = 10**9  # token offset after any message


@dataclass(frozen=True)
class Recommendation:
    """The measures that fit a description (main first) and what was recognised in it."""

    measures: list[int]
    activities: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    technologies: list[str] = field(default_factory=list)  # only the call's: vr, iot, big_data
    other_technologies: list[str] = field(default_factory=list)  # named but not the call's: ai, cloud…
    evidence: dict[int, list[str]] = field(default_factory=dict)
    scores: dict[int, float] = field(default_factory=dict)  # every candidate, for tuning


@dataclass(frozen=True)
class Clue:
    """One piece of evidence: a vocabulary key found in the message."""

    section: str  # activities, audiences, context or technologies
    name: str  # the key inside its section (coaching, young_people, iot, ...)
    key: str  # the key the rules weigh (a technology becomes `technology` or `ict`)
    words: str  # as written in the message
    start: int  # token offset, to order evidence


@dataclass(frozen=True)
class MeasureRule:
    """When a measure is a candidate and how much each key speaks for it."""

    number: int
    requires: tuple[frozenset[str], ...]
    weights: Mapping[str, float]

    def applies(self, keys: Iterable[str]) -> bool:
        """A measure needs its core evidence (one full `requires` line), whatever the weights."""
        found = set(keys)
        return any(line <= found for line in self.requires)

    def supports(self, key: str) -> bool:
        """Keys with a positive weight are the evidence shown for the measure."""
        return self.weights.get(key, 0) > 0


@dataclass(frozen=True)
class Rules:
    """The scoring settings and one rule per measure (data/vocabulary/measures.yml)."""

    min_score: float
    second_ratio: float
    repeat: float
    max_mentions: int
    measures: tuple[MeasureRule, ...]

    def keys(self) -> set[str]:
        """Every evidence key the rules mention, to check it against the vocabularies."""
        used: set[str] = set()
        for rule in self.measures:
            used.update(rule.weights)
            for line in rule.requires:
                used.update(line)
        return used


def _read_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


@cache
def rules() -> Rules:
    """The rules of `data/vocabulary/measures.yml`, read once."""
    data = _read_yaml(data_dir() / "vocabulary" / "measures.yml")
    settings = data["settings"]
    measures = tuple(
        MeasureRule(
            number=int(number),
            requires=tuple(frozenset(str(k) for k in line) for line in spec["requires"]),
            weights={str(k): float(w) for k, w in spec["weights"].items()},
        )
        for number, spec in data["measures"].items()
    )
    return Rules(
        min_score=float(settings["min_score"]),
        second_ratio=float(settings["second_ratio"]),
        repeat=float(settings["repeat"]),
        max_mentions=int(settings["max_mentions"]),
        measures=measures,
    )


@cache
def vocabulary(lang: str) -> dict[str, dict[str, list[str]]]:
    """The sections of `data/vocabulary/measures.<lang>.yml`, read once per language."""
    data = _read_yaml(data_dir() / "vocabulary" / f"measures.{lang}.yml")
    return {section: {str(k): [str(t) for t in terms] for k, terms in data[section].items()} for section in SECTIONS}


def covered_technologies(lang: str) -> frozenset[str]:
    """The call's technologies (call.yml): only these count as `technology`."""
    return frozenset(str(t) for t in load_knowledge(lang).facts["technologies"])


def prepare(text: str) -> str:
    """Unify apostrophes, read inner hyphens as spaces and lower-case the text.

    Dutch keeps hyphenated compounds as one token ("IoT-opleiding" would match neither
    "IoT" nor "opleiding"), "d’" does not lemmatize like "d'", and the lookup lemma table
    is case-sensitive ("Formations"). Terms go through the same preparation. The length is
    kept (but for rare letters), so that evidence can quote the message as written.
    """
    return _INNER_HYPHEN.sub(" ", text.translate(_QUOTES)).lower()


@cache
def matcher(lang: str) -> TermMatcher:
    """One matcher over every section, so the longest term wins across sections too."""
    sections = {**vocabulary(lang), TECHNOLOGIES: load_knowledge(lang).vocabulary[TECHNOLOGIES]}
    return TermMatcher(
        lang,
        {f"{s}/{key}": [prepare(str(t)) for t in terms] for s, keys in sections.items() for key, terms in keys.items()},
    )


def _as_written(text: str, prepared: str, hit: Hit) -> str:
    """The matched words as the user wrote them (as prepared if preparing changed the length)."""
    return text[hit.char_start : hit.char_end] if len(prepared) == len(text) else hit.term


def _clue(section: str, name: str, words: str, start: int, lang: str) -> Clue:
    key = name
    if section == TECHNOLOGIES:
        key = TECHNOLOGY if name in covered_technologies(lang) else ICT
    return Clue(section, name, key, words, start)


def find_clues(text: str, lang: str) -> list[Clue]:
    """Every piece of evidence in `text`, in message order."""
    prepared = prepare(text)
    clues = []
    for hit in affirmed(lang, matcher(lang).hits(prepared), prepared):  # "geen beurzen" is no evidence
        section, name = hit.key.split("/", 1)
        clues.append(_clue(section, name, _as_written(text, prepared, hit), hit.start, lang))
    return clues


def score(rule: MeasureRule, mentions: Mapping[str, int], settings: Rules) -> float:
    """Weights of the keys found; repeated mentions add a little, up to a cap."""
    total = 0.0
    for key, count in mentions.items():
        extra = min(count, settings.max_mentions) - 1
        total += rule.weights.get(key, 0) * (1 + settings.repeat * extra)
    return total


def _first_support(rule: MeasureRule, clues: Sequence[Clue]) -> int:
    """Where the message starts speaking for the measure (ties go to the earlier theme)."""
    return min((c.start for c in clues if rule.supports(c.key)), default=_NOWHERE)


def rank(clues: Sequence[Clue], settings: Rules) -> list[tuple[int, float]]:
    """The candidate measures reaching `min_score`, best first, with their scores."""
    mentions = Counter(c.key for c in clues)
    ranked = []
    for rule in settings.measures:
        if rule.applies(mentions):
            value = score(rule, mentions, settings)
            if value >= settings.min_score:
                ranked.append((value, _first_support(rule, clues), rule.number))
    ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
    return [(number, value) for value, _, number in ranked]


def choose(ranked: Sequence[tuple[int, float]], settings: Rules) -> list[int]:
    """The best measure, plus the runner-up when its score is close (>= second_ratio x best)."""
    if not ranked:
        return []
    chosen = [ranked[0][0]]
    if len(ranked) > 1 and ranked[1][1] >= settings.second_ratio * ranked[0][1]:
        chosen.append(ranked[1][0])
    return chosen


def _evidence(number: int, clues: Sequence[Clue], settings: Rules) -> list[str]:
    rule = next(r for r in settings.measures if r.number == number)
    return list(dict.fromkeys(c.words for c in clues if rule.supports(c.key)))


def _keys(clues: Sequence[Clue], section: str, allowed: frozenset[str] | None = None) -> list[str]:
    names = (c.name for c in clues if c.section == section)
    return list(dict.fromkeys(n for n in names if allowed is None or n in allowed))


def recommend(text: str, lang: str) -> Recommendation:
    """The measure(s) that `text` (a project description in `lang`) fits, main first."""
    settings = rules()
    clues = find_clues(text, lang)
    ranked = rank(clues, settings)
    chosen = choose(ranked, settings)
    return Recommendation(
        measures=chosen,
        activities=_keys(clues, "activities"),
        audiences=_keys(clues, "audiences"),
        technologies=_keys(clues, TECHNOLOGIES, covered_technologies(lang)),
        other_technologies=[t for t in found_affirmed(lang, TECHNOLOGIES, text) if t not in covered_technologies(lang)],
        evidence={n: _evidence(n, clues, settings) for n in chosen},
        scores=dict(ranked),
    )


def problems() -> list[str]:
    """What is inconsistent between the rules and the vocabularies (empty when all is well)."""
    found: list[str] = []
    per_lang = {lang: vocabulary(lang) for lang in SUPPORTED}
    keys = {lang: [k for section in v.values() for k in section] for lang, v in per_lang.items()}
    for lang, names in keys.items():
        found += [f"{lang}: key {k!r} is in several sections" for k, n in Counter(names).items() if n > 1]
        found += [
            f"{lang}: section {s!r}: key {k!r} has no term"
            for s, v in per_lang[lang].items()
            for k, t in v.items()
            if not t
        ]
    found += [
        f"{DEFAULT} and {lang} keys differ: {sorted(set(keys[DEFAULT]) ^ set(names))}"
        for lang, names in keys.items()
        if set(names) != set(keys[DEFAULT])
    ]
    unknown = rules().keys() - set(keys[DEFAULT]) - {TECHNOLOGY, ICT}
    found += [f"measures.yml uses unknown key {k!r}" for k in sorted(unknown)]
    return found
