"""A conversation's history for the page: the tracker's messages (bot.rasa_io.transcript)
as the chat lines the page draws, and the REST channel's replies as chat lines."""

from __future__ import annotations

from typing import Any, TypedDict

from bot.rasa_io.transcript import Message, Role, buttons_of, messages_from_events

MAX_LINES = 200  # a page reload shows the end of very long conversations only


class Button(TypedDict):
    """A quick reply as the page gets it."""

    title: str
    payload: str


class ChatLine(TypedDict, total=False):
    """One message as the page draws it."""

    role: str  # a bot.rasa_io.transcript.Role value: "applicant" | "assistant" | "staff"
    text: str
    buttons: list[Button]
    reference: str  # a staff reply's ticket


def chat_line(message: Message) -> ChatLine:
    """One message as the page's chat line (JSON)."""
    line = ChatLine(role=message.role.value, text=message.text)
    if message.role is Role.ASSISTANT:
        line["buttons"] = [Button(title=b.title, payload=b.payload) for b in message.buttons]
    if message.reference is not None:
        line["reference"] = message.reference
    return line


def reply_line(reply: dict[str, Any]) -> ChatLine | None:
    """A REST channel reply as a chat line, or None when it has neither text nor buttons."""
    text = reply.get("text") if isinstance(reply.get("text"), str) else ""
    buttons = buttons_of(reply.get("buttons"))
    if not text and not buttons:
        return None
    return chat_line(Message(Role.ASSISTANT, str(text), buttons=buttons))


def history_from_events(events: list[Any]) -> list[ChatLine]:
    """The conversation's messages, in order, as chat lines (the latest MAX_LINES)."""
    return [chat_line(message) for message in messages_from_events(events)[-MAX_LINES:]]
