"""The insight page's figures for a period: one SQL aggregate per figure, nothing more."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from bot.insight.period import Period, day_of
from bot.language import SUPPORTED
from bot.rasa_io import events_activity as activity
from bot.rasa_io.events_sql import FALLBACK_INTENT
from bot.tickets.service import Desk
from bot.tickets.statistics import HandoffStats

UNANSWERED_INTENT = "ask_unanswered"  # "the text does not say"
TOP_TOPICS = 10


@dataclass(frozen=True)
class DayActivity:
    """One local day's messages and conversations."""

    day: date
    messages: int
    conversations: int


@dataclass(frozen=True)
class Report:
    """Everything the insight page shows for one period."""

    period: Period
    days: list[DayActivity]
    messages: int
    conversations: int
    languages: dict[str, int]  # conversations answered in each language
    topics: list[tuple[str, int]]  # most asked intents first
    fallbacks: int
    unanswered: int
    handoffs: HandoffStats
    helpful: dict[bool, int] = field(default_factory=lambda: {True: 0, False: 0})
    tracker_store: bool = True  # False: no conversation was stored yet

    @property
    def fallback_rate(self) -> float | None:
        return self.fallbacks / self.messages if self.messages else None

    @property
    def unanswered_rate(self) -> float | None:
        return self.unanswered / self.messages if self.messages else None

    @property
    def helpful_rate(self) -> float | None:
        votes = self.helpful[True] + self.helpful[False]
        return self.helpful[True] / votes if votes else None


def compute(tracker_store: Engine | None, desk: Desk, period: Period) -> Report:
    """Run the aggregates (synchronous: call it in a thread from bot.web)."""
    window = period.window()
    per_day: dict[int, tuple[int, int]] = {}
    languages: dict[str, int] = {}
    intents: dict[str, int] = {}
    messages = conversations = 0
    if tracker_store is not None:
        with tracker_store.connect() as connection:
            per_day = activity.daily_activity(connection, window)
            messages, conversations = activity.totals(connection, window)
            languages = activity.conversations_per_language(connection, window)
            intents = activity.intent_counts(connection, window)
    found = {day_of(number): counts for number, counts in per_day.items()}
    since, until = period.utc_bounds()
    ranked = sorted(intents.items(), key=lambda item: (-item[1], item[0]))
    return Report(
        period=period,
        days=[DayActivity(day, *found.get(day, (0, 0))) for day in period.days],
        messages=messages,
        conversations=conversations,
        languages={**dict.fromkeys(SUPPORTED, 0), **languages},
        topics=ranked[:TOP_TOPICS],
        fallbacks=intents.get(FALLBACK_INTENT, 0),
        unanswered=intents.get(UNANSWERED_INTENT, 0),
        handoffs=desk.handoff_stats(since, until),
        helpful=desk.helpful_counts(since, until),
        tracker_store=tracker_store is not None,
    )
