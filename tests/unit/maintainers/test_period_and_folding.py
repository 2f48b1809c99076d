"""The insight period (Brussels days, summer time) and how review messages are folded."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from bot.insight.period import MAX_DAYS, Period
from bot.review.folding import fold, masked, only_masks, similarity

TODAY = date(2026, 12, 1)


def test_the_default_period_is_the_last_thirty_days() -> None:
    period, bad = Period.from_query(None, None, TODAY)
    assert not bad and period == Period(date(2026, 11, 2), TODAY) and len(period.days) == 30


@pytest.mark.parametrize(
    ("first", "last"),
    [("yesterday", None), ("2026-13-01", None), ("2026-05-02", "2026-05-01"), ("2020-01-01", "2026-01-01")],
)
def test_an_unusable_period_falls_back_to_the_default_and_says_so(first: str, last: str | None) -> None:
    period, bad = Period.from_query(first, last, TODAY)
    assert bad and period == Period.ending(TODAY)


def test_a_period_of_up_to_a_year_is_kept() -> None:
    period, bad = Period.from_query("2025-12-02", "2026-12-01", TODAY)
    assert not bad and len(period.days) == MAX_DAYS - 1


def test_the_window_follows_brussels_summer_time() -> None:
    period = Period(date(2026, 3, 28), date(2026, 3, 30))
    window = period.window()
    start, end = period.utc_bounds()
    assert start == datetime(2026, 3, 27, 23, tzinfo=timezone.utc)  # midnight in Brussels, winter
    assert end == datetime(2026, 3, 30, 22, tzinfo=timezone.utc)  # midnight in Brussels, summer
    assert window.offsets == (
        (start.timestamp(), 3600),
        (datetime(2026, 3, 29, 1, tzinfo=timezone.utc).timestamp(), 7200),
    )
    assert Period(date(2026, 6, 1), date(2026, 6, 2)).window().offsets[1:] == ()


def test_folding_groups_what_differs_only_by_case_accents_and_punctuation() -> None:
    assert fold("Quelle est la DATE limite ?!") == fold("quelle est la date  limité") == "quelle est la date limite"
    assert masked("mail : jean@exemple.be\n tel 0471 23 45 67") == "mail : [e-mail] tel [phone]"


def test_similarity_and_masked_only_messages() -> None:
    assert similarity("c'est combien le budget total", "combien le budget total svp") > 0.5
    assert similarity("budget ?", "date limite ?") == 0
    assert only_masks("jean.dupont@exemple.be") and only_masks(" 0471/23.45.67 ! ")
    assert not only_masks("mon mail jean@exemple.be")
