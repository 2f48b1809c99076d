"""Validation of ticket requests before they reach the database or the spool."""

from __future__ import annotations

import pytest

from bot.tickets.intake import TicketRequest, checked


def _request(**changes: object) -> TicketRequest:
    fields: dict[str, object] = {
        "idempotency_key": "conv-1:1700000000.0",
        "conversation_id": "conv-1",
        "language": "nl",
        "question": "  Mag een kmo meedoen?  ",
        "contact_email": " kmo@example.be ",
        "reply_channel": "email",
    }
    fields.update(changes)
    return TicketRequest(**fields)  # type: ignore[arg-type]  # a test may give a field any value


def test_valid_request_is_stripped() -> None:
    request = checked(_request())
    assert request.question == "Mag een kmo meedoen?"
    assert request.contact_email == "kmo@example.be"


def test_chat_reply_needs_no_email() -> None:
    assert checked(_request(contact_email=None, reply_channel="chat")).contact_email is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"language": "en"}, "language"),
        ({"reply_channel": "sms"}, "reply channel"),
        ({"question": "   "}, "question is empty"),
        ({"question": "x" * 10_001}, "longer than"),
        ({"idempotency_key": ""}, "idempotency key"),
        ({"idempotency_key": "k" * 129}, "idempotency key"),
        ({"conversation_id": ""}, "conversation id"),
        ({"contact_email": "not-an-address"}, "contact e-mail"),
        ({"contact_email": None, "reply_channel": "email"}, "needs a contact"),
    ],
)
def test_bad_requests_are_refused_with_a_clear_message(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        checked(_request(**changes))


def test_error_messages_do_not_echo_the_address() -> None:
    with pytest.raises(ValueError, match="not a valid") as error:
        checked(_request(contact_email="secret@@example.be"))
    assert "secret" not in str(error.value)
