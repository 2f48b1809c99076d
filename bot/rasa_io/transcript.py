"""A conversation's messages as the tracker's events tell them: who said what, and when.

The one reading of a tracker's `user` and `bot` events, for every client: the applicant's
page (the history shown after a reload) and the staff console (a ticket's transcript).
A staff reply is a `bot` event the console adds through the HTTP API with
`metadata.staff_reply` and the ticket's reference (`staff_reply_event`); it reads back as
staff's, with its reference, wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from bot.rasa_io.apology import is_apology_event

USER, BOT = "user", "bot"  # the tracker's event names
STAFF_REPLY = "staff_reply"  # metadata flag of a staff reply's bot event
REFERENCE = "reference"  # metadata key: the ticket the staff reply answers


class Role(str, Enum):
    """Who said a message."""

    APPLICANT = "applicant"
    ASSISTANT = "assistant"
    STAFF = "staff"

    def __str__(self) -> str:  # templates and JSON show the value, not "Role.STAFF"
        return self.value


@dataclass(frozen=True)
class Button:
    """A quick reply: what it shows and what it sends."""

    title: str
    payload: str


@dataclass(frozen=True)
class Message:
    """One message of a conversation.

    Attributes:
        role: Who said it.
        text: What was said (a clicked quick reply shows its title); empty for a reply
            with buttons only.
        at: When, in Unix seconds (0 when the event has no timestamp).
        buttons: The quick replies the assistant offered with it.
        reference: The ticket a staff reply answers.
    """

    role: Role
    text: str
    at: float = 0.0
    buttons: tuple[Button, ...] = ()
    reference: str | None = None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def buttons_of(data: Any) -> tuple[Button, ...]:
    """The well-formed quick replies of a reply (title and payload both strings)."""
    if not isinstance(data, list):
        return ()
    return tuple(
        Button(b["title"], b["payload"])
        for b in data
        if isinstance(b, dict) and isinstance(b.get("title"), str) and isinstance(b.get("payload"), str)
    )


def user_events(events: Iterable[Any]) -> list[dict[str, Any]]:
    """The applicant's messages (`user` events) among a tracker's events, in order."""
    return [e for e in events if isinstance(e, dict) and e.get("event") == USER]


def role_of(kind: str, metadata: Any = None) -> Role:
    """Who said a `user` or `bot` event (a bot event marked as a staff reply is staff's)."""
    if kind == USER:
        return Role.APPLICANT
    return Role.STAFF if _dict(metadata).get(STAFF_REPLY) else Role.ASSISTANT


def staff_reply_event(text: str, reference: str, at: float) -> dict[str, Any]:
    """The `bot` event that adds a staff reply to the applicant's conversation."""
    return {"event": BOT, "text": text, "metadata": {STAFF_REPLY: True, REFERENCE: reference}, "timestamp": at}


def _bot_message(event: dict[str, Any]) -> Message | None:
    text = event.get("text") if isinstance(event.get("text"), str) else ""
    buttons = buttons_of(_dict(event.get("data")).get("buttons"))
    if not text and not buttons:
        return None
    metadata = _dict(event.get("metadata"))
    role = role_of(BOT, metadata)
    reference = metadata.get(REFERENCE) if role is Role.STAFF else None
    return Message(role, str(text), _at(event), buttons, str(reference) if reference is not None else None)


def _at(event: dict[str, Any]) -> float:
    at = event.get("timestamp")
    return float(at) if isinstance(at, (int, float)) and not isinstance(at, bool) else 0.0


def messages_from_events(events: Any) -> list[Message]:
    """The messages of a tracker's events, in order.

    A clicked quick reply shows its title, not its payload. A message answered with the
    apology for a failed action was sent again by the page: it is kept once, where it was
    answered. Events of other kinds and malformed ones are left out.
    """
    messages: list[Message] = []
    titles: dict[str, str] = {}  # payload -> title, from the latest buttons offered
    for event in events if isinstance(events, list) else []:
        if not isinstance(event, dict):
            continue
        text = event.get("text")
        if is_apology_event(event):
            applicant = [i for i, m in enumerate(messages) if m.role is Role.APPLICANT]
            del messages[applicant[-1] if applicant else len(messages) :]
        elif event.get("event") == USER and isinstance(text, str):
            messages.append(Message(Role.APPLICANT, titles.get(text, text), _at(event)))
            titles = {}
        elif event.get("event") == BOT and (message := _bot_message(event)):
            messages.append(message)
            titles = {b.payload: b.title for b in message.buttons} or titles
    return messages
