"""Figures a question takes for granted: amounts, dates, counts and plain numbers, each
with the words the applicant wrote (a correction quotes them as written).

The words of amounts, counts and numbers are data (data/vocabulary/<lang>.yml sections
amounts, counted, numbers; month names from the knowledge file's format section).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from bot.knowledge import load_knowledge
from bot.text.normalize import fold

# 400.000 / 400 000 / 1,5 / 7.6 / 2016
_NUMBER = r"\d{1,3}(?:[ .]\d{3})+(?![\d])|\d+(?:[.,]\d+)?"


@dataclass(frozen=True)
class Claim:
    value: float
    written: str  # as in the message


@dataclass(frozen=True)
class DateClaim:
    day: int | None
    month: int | None
    year: int | None
    written: str

    def matches(self, date: dt.date) -> bool:
        return all(
            v is None or v == w for v, w in ((self.day, date.day), (self.month, date.month), (self.year, date.year))
        )


def to_number(text: str) -> float:
    """ "400.000" -> 400000, "1,5" -> 1.5, "7.6" -> 7.6 (a dot before three digits groups)."""
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+", text):
        return float(re.sub(r"[ .]", "", text))
    return float(text.replace(",", "."))


@cache
def _words(lang: str, section: str) -> dict[str, list[str]]:
    raw = load_knowledge(lang).vocabulary.get(section) or {}
    return {str(key): [fold(str(w)) for w in terms] for key, terms in raw.items()}


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


@cache
def _amount_pattern(lang: str) -> re.Pattern[str]:
    units = _words(lang, "amounts")
    scales = "|".join(f"(?P<{name}>{_alternatives(units[name])})" for name in _SCALE if units.get(name))
    numbers = _alternatives([w for terms in _words(lang, "numbers").values() for w in terms] + units.get("one", []))
    return re.compile(
        rf"(?<![\w.,])(?P<number>{_NUMBER}|{numbers})?\s*(?:{scales})?\s*(?P<euro>€|eur\b|euros?\b)?",
    )


def amounts(text: str, lang: str) -> list[Claim]:
    """Amounts of money: a number with euros or a scale word ("500k", "un million")."""
    found = []
    for m in _amount_pattern(lang).finditer(fold(text)):
        scale = next((_SCALE[name] for name in _SCALE if m.groupdict().get(name)), None)
        if not m.group("number") or not (scale or m.group("euro")):
            continue
        value = _number_value(m.group("number"), lang) * (scale or 1)
        found.append(Claim(value, m.group(0).strip()))
    return found


def _number_value(word: str, lang: str) -> float:
    if word[0].isdigit():
        return to_number(word)
    for value, terms in _words(lang, "numbers").items():
        if word in terms:
            return float(value)
    return 1.0  # the amounts section's "one": "un million", "een miljoen"


def numbers(text: str) -> list[Claim]:
    """Every number written in digits (percentages included)."""
    return [Claim(to_number(m.group(0)), m.group(0)) for m in re.finditer(_NUMBER, fold(text))]


def counts(text: str, lang: str, counted: str) -> list[Claim]:
    """ "les 10 mesures", "dix mesures", "vijf maatregelen": the number of `counted` things."""
    nouns = _words(lang, "counted").get(counted, [])
    number_words = _alternatives([w for terms in _words(lang, "numbers").values() for w in terms])
    pattern = rf"\b(\d+|{number_words})\s+(?:\w+\s+)?(?:{_alternatives(nouns)})\b"
    folded = fold(text)
    claims = [Claim(_number_value(m.group(1), lang), m.group(1)) for m in re.finditer(pattern, folded)]
    if not claims and re.search(rf"\b(?:{_alternatives(nouns)})\b", folded):  # "les technologies, il y en a cinq ?"
        back = _alternatives([w for terms in _words(lang, "counted_back").values() for w in terms])
        claims = [Claim(_number_value(m.group(1), lang), m.group(1))
                  for m in re.finditer(rf"\b(?:{back})\s+(\d+|{number_words})\b", folded)]  # fmt: skip
    return claims


def dates(text: str, lang: str) -> list[DateClaim]:
    """Dates: "15 octobre", "1er septembre 2016", "15/10", "en octobre", "2024"."""
    months = [fold(m) for m in load_knowledge(lang).wording["format"]["months"]]
    folded = fold(text)
    found: list[DateClaim] = []
    month_names = _alternatives(months)
    for m in re.finditer(rf"\b(?:(\d{{1,2}})(?:er|e|ste|de)?\s+)?({month_names})\b(?:\s+(\d{{4}}))?", folded):
        day = int(m.group(1)) if m.group(1) else None
        year = int(m.group(3)) if m.group(3) else None
        found.append(DateClaim(day, months.index(m.group(2)) + 1, year, m.group(0)))
    for m in re.finditer(r"\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\b", folded):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            year = int(m.group(3)) if m.group(3) else None
            found.append(DateClaim(day, month, year + 2000 if year and year < 100 else year, m.group(0)))
    if not found:
        found += [DateClaim(None, None, int(y), y) for y in re.findall(r"\b(20\d\d)\b", folded)]
    return found
