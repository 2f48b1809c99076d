"""The check vocabulary of `vocabulary.yml`, read once into frozen, compiled objects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yml")
PATTERN_KEYS = ("all", "any", "none", "start", "not_start")


@dataclass(frozen=True)
class PatternCheck:
    """A named check made of patterns (see `vocabulary.yml` for what each list means)."""

    all: tuple[re.Pattern[str], ...] = ()
    any: tuple[re.Pattern[str], ...] = ()
    none: tuple[re.Pattern[str], ...] = ()
    start: tuple[re.Pattern[str], ...] = ()
    not_start: tuple[re.Pattern[str], ...] = ()
    text_only: bool = False  # judge the messages' texts without the buttons' titles


@dataclass(frozen=True)
class Date:
    day: int
    month: int
    year: int | None = None


@dataclass(frozen=True)
class Figures:
    """The figures the call gives: any other in a reply is invented."""

    amounts_eur: tuple[float, ...]
    percents: tuple[float, ...]
    dates: tuple[Date, ...]


@dataclass(frozen=True, eq=False)  # hashed by identity: read once, used as a cache key
class LanguageVocabulary:
    """What the checks need to know about one language."""

    code: str
    words: frozenset[str]
    months: tuple[str, ...]
    number_words: dict[str, int]
    scales: dict[str, int]
    measures: dict[int, re.Pattern[str]]
    measure_number: re.Pattern[str]
    technologies: dict[str, re.Pattern[str]]
    technology_denied: re.Pattern[str]
    checks: dict[str, PatternCheck]


@dataclass(frozen=True)
class Vocabulary:
    figures: Figures
    languages: dict[str, LanguageVocabulary]

    def language(self, code: str) -> LanguageVocabulary:
        try:
            return self.languages[code]
        except KeyError:
            raise ValueError(f"no check vocabulary for language {code!r} in {VOCABULARY_FILE.name}") from None


def _pattern_check(raw: dict[str, Any]) -> PatternCheck:
    unknown = set(raw) - {*PATTERN_KEYS, "text_only"}
    if unknown:
        raise ValueError(f"{VOCABULARY_FILE.name}: unknown pattern lists {sorted(unknown)}")
    patterns = {key: tuple(re.compile(p) for p in raw.get(key, [])) for key in PATTERN_KEYS}
    return PatternCheck(**patterns, text_only=bool(raw.get("text_only", False)))


def _language(code: str, raw: dict[str, Any], common: dict[str, PatternCheck]) -> LanguageVocabulary:
    return LanguageVocabulary(
        code=code,
        words=frozenset(raw["words"]),
        months=tuple(raw["months"]),
        number_words=dict(raw["number_words"]),
        scales=dict(raw["scales"]),
        measures={int(n): re.compile(p) for n, p in raw["measures"].items()},
        measure_number=re.compile(raw["measure_number"]),
        technologies={name: re.compile(p) for name, p in raw["technologies"].items()},
        technology_denied=re.compile(raw["technology_denied"]),
        checks={**common, **{name: _pattern_check(spec) for name, spec in raw["checks"].items()}},
    )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary file, parsed and compiled (once)."""
    raw = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    figures = Figures(
        amounts_eur=tuple(float(a) for a in raw["figures"]["amounts_eur"]),
        percents=tuple(float(p) for p in raw["figures"]["percents"]),
        dates=tuple(Date(**d) for d in raw["figures"]["dates"]),
    )
    common = {name: _pattern_check(spec) for name, spec in raw["common"].items()}
    languages = {code: _language(code, spec, common) for code, spec in raw["languages"].items()}
    return Vocabulary(figures=figures, languages=languages)
