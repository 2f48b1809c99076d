"""A conversation's tracker as Rasa's HTTP API returns it (`GET /conversations/<id>/tracker`):
finding the applicant's message a reply answered, for "was this helpful?"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Key bot.web puts in the REST channel's metadata; Rasa keeps it on the user event.
MESSAGE_ID = "message_id"


@dataclass(frozen=True)
class AnsweredMessage:
    """The applicant's message, how the NLU read it, and the assistant's reply to it."""

    intent: str | None = None
    confidence: float | None = None
    language: str | None = None
    question: str | None = None
    answer: str | None = None
    event_timestamp: float | None = None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def answered_message(events: Any, message_id: str) -> AnsweredMessage | None:
    """The user event sent with this message id, and the bot texts that followed it.

    Returns:
        None when no user event of the tracker carries this id.
    """
    if not isinstance(events, list):
        return None
    found: dict[str, Any] | None = None
    answer: list[str] = []
    for event in events:
        event = _dict(event)
        if event.get("event") == "user":
            if found is not None:
                break
            if _dict(event.get("metadata")).get(MESSAGE_ID) == message_id:
                found = event
        elif found is not None and event.get("event") == "bot" and _text(event.get("text")):
            answer.append(str(event["text"]))
    if found is None:
        return None
    parse = _dict(found.get("parse_data"))
    intent = _dict(parse.get("intent"))
    language = _dict(parse.get("language")).get("detected") or _dict(found.get("metadata")).get("language")
    return AnsweredMessage(
        intent=_text(intent.get("name")),
        confidence=_number(intent.get("confidence")),
        language=_text(language),
        question=_text(found.get("text")),
        answer="\n".join(answer) or None,
        event_timestamp=_number(found.get("timestamp")),
    )
