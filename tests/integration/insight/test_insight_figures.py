"""The insight figures from a real tracker store and tickets database, on both dialects."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from bot.insight.figures import compute
from bot.insight.period import BRUSSELS, Period
from bot.rasa_io import events_activity as activity
from bot.rasa_io.events_sql import open_tracker_store
from bot.rasa_io.tracker_json import AnsweredMessage
from bot.tickets.intake import TicketRequest
from bot.tickets.service import Desk
from tests.integration.tickets.helpers import FakeClock
from tests.support_tracker import TrackerWriter, Turn


def local(day: date, hour: int, minute: int = 0) -> float:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS).timestamp()


MARCH = date(2026, 3, 28)  # summer time starts on 29 March 2026 at 02:00


def _fill(tracker: TrackerWriter) -> None:
    tracker.conversation("c-fr", local(MARCH, 10), [
        Turn("Quel est le budget ?", "ask_budget"),
        Turn("wrblx frmpt", "nlu_fallback", 0.4, language=None, page="fr"),
        Turn("Le montant maximum par projet ?", "ask_unanswered"),
    ])  # fmt: skip
    # 23:30 local on 28 March is 22:30 UTC: still the 28th in Brussels.
    tracker.conversation("c-nl", local(MARCH, 23, 30), [Turn("Wanneer is de deadline?", "ask_deadline", language="nl")])
    # Both on the 29th in Brussels, one before and one after the clocks go forward.
    tracker.conversation("c-dst", local(MARCH + timedelta(days=1), 0, 30), [Turn("Bonjour", "greet")])
    tracker.conversation("c-dst2", local(MARCH + timedelta(days=1), 23, 30), [Turn("Budget ?", "ask_budget")])
    tracker.conversation("c-outside", local(MARCH + timedelta(days=3), 12), [Turn("Bonjour", "greet")])


def test_daily_activity_counts_local_days_across_summer_time(tracker: TrackerWriter, tracker_url: str) -> None:
    _fill(tracker)
    engine = open_tracker_store(tracker_url)
    assert engine is not None
    window = Period(MARCH, MARCH + timedelta(days=1)).window()
    assert len(window.offsets) == 2  # +1 h, then +2 h
    with engine.connect() as connection:
        days = activity.daily_activity(connection, window)
        assert {date(1970, 1, 1) + timedelta(days=n): v for n, v in days.items()} == {
            MARCH: (4, 2),
            MARCH + timedelta(days=1): (2, 2),
        }
        assert activity.totals(connection, window) == (6, 4)
        assert activity.conversations_per_language(connection, window) == {"fr": 3, "nl": 1}
        assert activity.intent_counts(connection, window) == {
            "ask_budget": 2, "nlu_fallback": 1, "ask_unanswered": 1, "ask_deadline": 1, "greet": 1,
        }  # fmt: skip
    engine.dispose()


def test_report_combines_tracker_and_tickets(tracker: TrackerWriter, tracker_url: str, desk: Desk,
                                             clock: FakeClock) -> None:  # fmt: skip
    _fill(tracker)
    clock.now = datetime(2026, 3, 28, 12, tzinfo=timezone.utc)
    staff = desk.add_staff("agent@example.org", "correct horse battery", "staff")
    for key, language in (("k1", "fr"), ("k2", "nl")):
        desk.open_ticket(TicketRequest(key, f"c-{language}", language, "Une question ?", None, "chat"))
    clock.advance(hours=2)
    desk.reply(desk.queue()[0].reference, staff.id, "Voici la réponse.")
    desk.record_feedback("c-fr", "m1", True, AnsweredMessage(intent="ask_budget"))
    desk.record_feedback("c-fr", "m2", False, AnsweredMessage(intent="ask_unanswered"))
    desk.record_feedback("c-nl", "m3", True, AnsweredMessage(intent="ask_deadline"))
    report = compute(open_tracker_store(tracker_url), desk, Period(MARCH, MARCH + timedelta(days=1)))
    assert (report.messages, report.conversations) == (6, 4)
    assert report.fallbacks == 1 and report.unanswered == 1
    assert report.fallback_rate == 1 / 6
    assert report.topics[0] == ("ask_budget", 2)
    assert report.languages == {"fr": 3, "nl": 1}
    assert report.helpful == {True: 2, False: 1} and report.helpful_rate == 2 / 3
    handoffs = report.handoffs
    assert (handoffs.opened, handoffs.answered) == (2, 1)
    assert handoffs.by_language == {"fr": 1, "nl": 1}
    assert handoffs.buckets["under_4h"] == 1 and handoffs.buckets["waiting"] == 1
    assert handoffs.median_seconds is not None and abs(handoffs.median_seconds - 7200) < 1
    assert [d.messages for d in report.days] == [4, 2]


def test_no_tracker_store_yet_gives_empty_figures(tmp_path: object, desk: Desk) -> None:
    assert open_tracker_store(f"sqlite:///{tmp_path}/missing.db") is None
    report = compute(None, desk, Period.ending(date(2026, 3, 28), 7))
    assert report.messages == 0 and not report.tracker_store and len(report.days) == 7
    assert report.fallback_rate is None and report.helpful_rate is None
