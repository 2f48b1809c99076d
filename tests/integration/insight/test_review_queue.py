"""The review queue from a real tracker store and tickets database, on both dialects."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.insight.period import Period
from bot.rasa_io.events_sql import open_tracker_store
from bot.rasa_io.tracker_json import AnsweredMessage
from bot.review.folding import fold
from bot.review.queue import (
    FALLBACK,
    HANDED_OFF,
    LOW_CONFIDENCE,
    NOT_HELPFUL,
    REPHRASED,
    ReviewItem,
    review_items,
)
from bot.tickets.annotations import NewAnnotation
from bot.tickets.intake import TicketRequest
from bot.tickets.service import Desk
from tests.integration.tickets.helpers import FakeClock
from tests.support_tracker import TrackerWriter, Turn

DAY = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
T0 = DAY.timestamp()


def _ranked(tracker_url: str, desk: Desk) -> list[ReviewItem]:
    items, total = review_items(open_tracker_store(tracker_url), desk, Period.ending(DAY.date(), 7), below=0.6)
    assert total == len(items)
    return items


def _items(tracker_url: str, desk: Desk) -> dict[str, ReviewItem]:
    return {item.text: item for item in _ranked(tracker_url, desk)}


def test_what_needs_a_look_and_what_does_not(tracker: TrackerWriter, tracker_url: str, desk: Desk,
                                             clock: FakeClock) -> None:  # fmt: skip
    clock.now = DAY
    tracker.conversation("c1", T0, [
        Turn("Quel est le budget ?", "ask_budget"),  # understood: not shown
        Turn("wrblx jean.dupont@exemple.be frmpt", "nlu_fallback", 0.4),
        Turn("Le plafond par projet ?", "ask_unanswered", 0.97),  # the right answer: not shown
        Turn("/ask_deadline", "ask_deadline", 0.3),  # a quick-reply click
    ])  # fmt: skip
    tracker.conversation("c2", T0 + 100, [
        Turn("c'est combien le budget total", "ask_deadline", 0.9),
        Turn("combien le budget total svp", "ask_budget", 0.95),  # said again: the first was misread
        Turn("hmm ouais peut-être", "affirm", 0.45),
    ], gap=30)  # fmt: skip
    tracker.conversation("c3", T0 + 300, [
        Turn("je veux parler a quelqu'un", "request_human"),
        Turn("jean.dupont@exemple.be", "nlu_fallback", 0.4, form="handoff_form"),  # a form's answer
        Turn("merci", "thank", 0.99, form=""),
        Turn("WRBLX [e-mail] frmpt !", "nlu_fallback", 0.4),  # same as c1's, once masked and folded
    ])  # fmt: skip
    stamps = tracker.conversation("c4", T0 + 600, [Turn("Qui a lancé l'appel ?", "ask_launcher", 0.99,
                                                        message_id="m1")])  # fmt: skip
    tracker.conversation("c5", T0 + 900, [Turn("zork blip", "nlu_fallback", 0.4, language=None, page=None)])
    desk.record_feedback("c4", "m1", False, AnsweredMessage(intent="ask_launcher", event_timestamp=stamps[0]))
    desk.open_ticket(TicketRequest("k1", "c2", "fr", "hmm ouais peut-être", None, "chat"))

    items = _items(tracker_url, desk)
    assert set(items) == {
        "WRBLX [e-mail] frmpt !",  # the latest of the group shows it
        "c'est combien le budget total",
        "hmm ouais peut-être",
        "Qui a lancé l'appel ?",
    }, "c5 has no known language; form answers, quick replies and understood messages are left out"
    grouped = items["WRBLX [e-mail] frmpt !"]
    assert grouped.count == 2 and grouped.flags == (FALLBACK,) and grouped.predicted == "nlu_fallback"
    assert "jean.dupont" not in str(grouped)
    assert items["c'est combien le budget total"].flags == (REPHRASED,)
    assert items["hmm ouais peut-être"].flags == (LOW_CONFIDENCE, HANDED_OFF)
    assert items["Qui a lancé l'appel ?"].flags == (NOT_HELPFUL,)
    assert _ranked(tracker_url, desk)[0].text == "WRBLX [e-mail] frmpt !"  # the most frequent first
    context = [line.text for line in items["c'est combien le budget total"].context]
    assert context[:2] == ["c'est combien le budget total", "Une réponse."]
    assert all("@" not in line.text for item in items.values() for line in item.context)


def test_an_annotated_message_leaves_the_review_until_undone(tracker: TrackerWriter, tracker_url: str,
                                                             desk: Desk, clock: FakeClock) -> None:  # fmt: skip
    clock.now = DAY
    tracker.conversation("c1", T0, [Turn("c koi le fric dispo", "nlu_fallback", 0.4)])
    maintainer = desk.add_staff("maintainer@example.org", "correct horse battery", "maintainer")
    assert "c koi le fric dispo" in _items(tracker_url, desk)
    label = desk.annotate(maintainer.id, NewAnnotation("fr", "c koi le fric dispo", fold("c koi le fric dispo"),
                                                       "ask_budget", "nlu_fallback", 0.4, 1, "c1"))  # fmt: skip
    assert label.author_email == "maintainer@example.org" and label.created_at == DAY
    assert _items(tracker_url, desk) == {}
    desk.undo_annotation(label.id, maintainer.id)
    assert "c koi le fric dispo" in _items(tracker_url, desk)
    actions = [entry.action for entry in desk.audit_log()]
    assert actions.count("annotation_added") == 1 and actions.count("annotation_undone") == 1
