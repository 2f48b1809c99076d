"""The insight plots: SVG without script, labelled in the reader's language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.insight.figures import DayActivity, Report
from bot.insight.period import Period
from bot.insight.plots import PLOTS
from bot.tickets.statistics import HandoffStats
from bot.web.staff.texts import Texts

PERIOD = Period(date(2026, 3, 1), date(2026, 3, 7))
REPORT = Report(
    period=PERIOD,
    days=[DayActivity(day, n, n // 2) for n, day in enumerate(PERIOD.days)],
    messages=21,
    conversations=9,
    languages={"fr": 6, "nl": 3},
    topics=[("ask_budget", 8), ("ask_deadline", 5)],
    fallbacks=2,
    unanswered=1,
    handoffs=HandoffStats(opened=3, answered=2, buckets={"under_1h": 2, "waiting": 1}),
    helpful={True: 4, False: 1},
)


@pytest.mark.parametrize("language", ["fr", "nl"])
@pytest.mark.parametrize("name", sorted(PLOTS))
def test_each_plot_is_an_svg_with_labels(name: str, language: str) -> None:
    texts = Texts()[language]
    svg = PLOTS[name](REPORT, texts)
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "<script" not in svg
    expected = {
        "activity": texts["insight_conversations"],
        "languages": texts["ticket_language_nl"],
        "topics": texts["intent_ask_deadline"],
        "rates": texts["insight_helpful_rate"],
        "response": texts["insight_bucket_waiting"],
    }[name]
    assert expected.replace("'", "&#39;").replace('"', "&quot;") in svg or expected in svg


def test_plots_of_an_empty_period_still_draw() -> None:
    empty = Report(PERIOD, [DayActivity(d, 0, 0) for d in PERIOD.days], 0, 0, {"fr": 0, "nl": 0}, [], 0, 0,
                   HandoffStats(), {True: 0, False: 0})  # fmt: skip
    for draw in PLOTS.values():
        assert "<svg" in draw(empty, Texts()["fr"])
    assert PERIOD.last - PERIOD.first == timedelta(days=6)
