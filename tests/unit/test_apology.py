"""The apology for a failed action, as clients recognise it (REST reply, tracker history)."""

from __future__ import annotations

from bot.rasa_io.apology import asks_to_retry, is_apology_event
from bot.web.public.history import history_from_events

APOLOGY_REPLY = [{"recipient_id": "x", "text": "Désolé…"}, {"recipient_id": "x", "custom": {"retry": True}}]
APOLOGY_EVENT = {"event": "bot", "text": "Désolé…", "data": {"custom": {"retry": True}}}


def test_the_apology_is_recognised_and_nothing_else() -> None:
    assert asks_to_retry(APOLOGY_REPLY)
    assert not asks_to_retry([{"text": "400.000 €"}, {"custom": {"retry": "yes"}}])
    assert not asks_to_retry({"custom": {"retry": True}}) and not asks_to_retry(None)
    assert is_apology_event(APOLOGY_EVENT)
    assert not is_apology_event({"event": "user", "text": "x", "data": {"custom": {"retry": True}}})


def test_a_message_answered_by_the_apology_and_sent_again_shows_once() -> None:
    events = [
        {"event": "user", "text": "Quel budget ?"},
        APOLOGY_EVENT,
        {"event": "user", "text": "Quel budget ?"},
        {"event": "bot", "text": "400.000 €"},
    ]
    assert [(line["role"], line["text"]) for line in history_from_events(events)] == [
        ("applicant", "Quel budget ?"),
        ("assistant", "400.000 €"),
    ]
