"""Tracker events read as messages (bot.rasa_io.transcript): the one reading the page's
history and the staff console share."""

from __future__ import annotations

from bot.rasa_io.transcript import (
    Button,
    Message,
    Role,
    messages_from_events,
    staff_reply_event,
    user_events,
)
from bot.web.public.history import history_from_events


def test_a_staff_reply_reads_back_as_staff_with_its_reference() -> None:
    events = [
        {"event": "user", "text": "Quel cofinancement ?", "timestamp": 1.0},
        {"event": "bot", "text": "Je transmets.", "timestamp": 2.0},
        staff_reply_event("Aucun cofinancement n'est exigé.", "NT-ABCD1234", 3.0),
    ]
    assert messages_from_events(events) == [
        Message(Role.APPLICANT, "Quel cofinancement ?", 1.0),
        Message(Role.ASSISTANT, "Je transmets.", 2.0),
        Message(Role.STAFF, "Aucun cofinancement n'est exigé.", 3.0, reference="NT-ABCD1234"),
    ]
    assert history_from_events(events)[-1] == {
        "role": "staff",
        "text": "Aucun cofinancement n'est exigé.",
        "reference": "NT-ABCD1234",
    }


def test_quick_replies_titles_and_malformed_events() -> None:
    events = [
        {"event": "bot", "text": "Bonjour !", "data": {"buttons": [{"title": "Budget", "payload": "/ask_budget"}]}},
        {"event": "user", "text": "/ask_budget", "timestamp": True},
        {"event": "bot", "text": None, "metadata": "not a dict"},
        {"event": "bot", "text": "400.000 €", "metadata": {"reference": "NT-1"}},  # not a staff reply
        {"event": "slot", "name": "language", "value": "fr"},
        "garbage",
    ]
    assert messages_from_events(events) == [
        Message(Role.ASSISTANT, "Bonjour !", buttons=(Button("Budget", "/ask_budget"),)),
        Message(Role.APPLICANT, "Budget"),
        Message(Role.ASSISTANT, "400.000 €"),
    ]
    assert messages_from_events({"events": []}) == []
    assert [e["text"] for e in user_events(events)] == ["/ask_budget"]


def test_roles_show_as_their_values() -> None:
    assert f"{Role.STAFF}" == str(Role.STAFF) == "staff"
