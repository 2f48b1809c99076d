"""Figures in a text (amounts, percentages, day-and-month dates) and the invented ones.

A reply may state a figure only when the call gives it or the applicant wrote it in the
conversation (quoting the applicant's figure to correct it is fine).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from scripts.conversation_eval.vocabulary import Date, Figures, LanguageVocabulary

_NUMBER = r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_GROUPED = re.compile(r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?")
_CURRENCY_AFTER = r"k€|€|k ?eur\b|eur\b|euros?\b|d'euros?\b"
_PERCENT = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(?:%|pour ?cent\b|procent\b)")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b")
_BIG_SCALE = 1_000_000  # "5,1 milliards" is money even without a currency sign


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Reader:
    """Number words, scales and months of every language at once, and the patterns built on them."""

    number_words: dict[str, int]
    scales: dict[str, int]
    months: dict[str, int]
    amount_after: re.Pattern[str]  # 400.000 €, 1 million d'euros, 400k€
    amount_before: re.Pattern[str]  # € 400.000, € 5,1 miljard
    amount_scaled: re.Pattern[str]  # 5,1 milliards, een miljoen
    amount_k: re.Pattern[str]  # 500k
    date: re.Pattern[str]


@lru_cache(maxsize=8)
def _reader(langs: tuple[LanguageVocabulary, ...]) -> _Reader:
    number_words = {w: v for lang in langs for w, v in lang.number_words.items()}
    scales = {w: v for lang in langs for w, v in lang.scales.items()}
    months = {m: i for lang in langs for i, m in enumerate(lang.months, 1)}
    number = rf"(?<![\d.,])(?P<n>{_NUMBER}|\b(?:{_alternation(number_words)})\b)"
    scale = rf"(?P<s>\b(?:{_alternation(scales)})\b)"
    day_words = _alternation(w for w, v in number_words.items() if v == 1)
    return _Reader(
        number_words=number_words,
        scales=scales,
        months=months,
        amount_after=re.compile(rf"{number}\s*(?:{scale}\s*)?(?P<c>{_CURRENCY_AFTER})"),
        amount_before=re.compile(rf"(?:€|\beur\b|\beuros?\b)\s*(?P<n>{_NUMBER})(?:\s*{scale})?"),
        amount_scaled=re.compile(rf"{number}\s+{scale}"),
        amount_k=re.compile(rf"(?<![\d.,])(?P<n>{_NUMBER})\s*k\b"),
        date=re.compile(
            rf"\b(?P<d>\d{{1,2}}|{day_words})(?:er|e|ste|de)?\s+(?P<m>{_alternation(months)})\b(?:\s+(?P<y>\d{{4}}))?"
        ),
    )


def _number(text: str, reader: _Reader) -> float:
    if text in reader.number_words:
        return float(reader.number_words[text])
    if _GROUPED.fullmatch(text):
        return float(text.replace(" ", "").replace(".", "").replace(",", "."))
    return float(text.replace(",", "."))


@dataclass(frozen=True)
class Found:
    """The figures of one text."""

    amounts: frozenset[float]
    percents: frozenset[float]
    dates: frozenset[Date]


def figures_in(text: str, langs: tuple[LanguageVocabulary, ...]) -> Found:
    """The amounts (in euros), percentages and dates written in folded `text`, in any of `langs`."""
    r = _reader(langs)
    amounts: set[float] = set()
    for pattern in (r.amount_after, r.amount_before, r.amount_scaled):
        for m in pattern.finditer(text):
            scale = r.scales.get(m.group("s") or "", 1)
            if pattern is r.amount_scaled and scale < _BIG_SCALE:
                continue
            currency = m.groupdict().get("c") or ""
            amounts.add(_number(m.group("n"), r) * scale * (1000 if currency.startswith("k") else 1))
    amounts.update(_number(m.group("n"), r) * 1000 for m in r.amount_k.finditer(text))
    percents = {_number(m.group(1), r) for m in _PERCENT.finditer(text)}
    dates = set()
    for m in r.date.finditer(text):
        day = r.number_words.get(m.group("d")) or int(m.group("d"))
        dates.add(Date(day, r.months[m.group("m")], int(m.group("y")) if m.group("y") else None))
    for m in _NUMERIC_DATE.finditer(text):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            year = int(m.group(3)) if m.group(3) else None
            dates.add(Date(day, month, year + 2000 if year is not None and year < 100 else year))
    return Found(frozenset(amounts), frozenset(percents), frozenset(dates))


def _known(value: float, allowed: Iterable[float]) -> bool:
    return any(math.isclose(value, a, rel_tol=1e-6) for a in allowed)


def _date_known(date: Date, allowed: Iterable[Date]) -> bool:
    """Same day and month, and the same year when both give one."""
    return any(
        (date.day, date.month) == (a.day, a.month) and (None in (date.year, a.year) or date.year == a.year)
        for a in allowed
    )


def invented(reply: str, applicant: Iterable[str], figures: Figures, langs: Iterable[LanguageVocabulary]) -> list[str]:
    """The figures of folded `reply` that neither the call nor the applicant's folded messages give.

    The texts are read in every language of `langs` at once (an applicant may quote a figure
    in another language than the reply's).
    """
    langs = tuple(langs)
    applicant = tuple(applicant)
    said = [figures_in(text, langs) for text in applicant]
    years = {int(y) for text in applicant for y in re.findall(r"\b(\d{4})\b", text)}
    amounts = (*figures.amounts_eur, *(a for f in said for a in f.amounts))
    percents = (*figures.percents, *(p for f in said for p in f.percents))
    dates = (*figures.dates, *(d for f in said for d in f.dates))
    found = figures_in(reply, langs)
    problems = [f"invented amount {a:,.0f} EUR" for a in sorted(found.amounts) if not _known(a, amounts)]
    problems += [f"invented percentage {p:g} %" for p in sorted(found.percents) if not _known(p, percents)]
    for d in sorted(found.dates, key=lambda d: (d.month, d.day)):
        if not _date_known(d, dates) and not (d.year in years and _date_known(Date(d.day, d.month), dates)):
            problems.append(f"invented date {d.day}/{d.month}" + (f"/{d.year}" if d.year else ""))
    return problems
