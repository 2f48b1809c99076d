"""A conversation's history for the page, rebuilt from the Rasa tracker's events."""

from __future__ import annotations

from typing import Any, TypedDict

MAX_LINES = 200  # a page reload shows the end of very long conversations only


class Button(TypedDict):
    title: str
    payload: str


class ChatLine(TypedDict, total=False):
    role: str  # "user" | "bot"
    text: str
    buttons: list[Button]


def buttons_of(data: Any) -> list[Button]:
    """The well-formed quick replies of a Rasa reply (title and payload both strings)."""
    if not isinstance(data, list):
        return []
    return [
        Button(title=b["title"], payload=b["payload"])
        for b in data
        if isinstance(b, dict) and isinstance(b.get("title"), str) and isinstance(b.get("payload"), str)
    ]


def reply_line(reply: dict[str, Any]) -> ChatLine | None:
    """A REST channel reply as a chat line, or None when it has neither text nor buttons."""
    text = reply.get("text") if isinstance(reply.get("text"), str) else ""
    buttons = buttons_of(reply.get("buttons"))
    if not text and not buttons:
        return None
    return ChatLine(role="bot", text=text or "", buttons=buttons)


def history_from_events(events: list[Any]) -> list[ChatLine]:
    """User and bot messages in order. A clicked quick reply shows its title, not its payload."""
    lines: list[ChatLine] = []
    titles: dict[str, str] = {}  # payload -> title, from the latest buttons offered
    for event in events:
        if not isinstance(event, dict):
            continue
        text = event.get("text")
        if event.get("event") == "user" and isinstance(text, str):
            lines.append(ChatLine(role="user", text=titles.get(text, text)))
            titles = {}
        elif event.get("event") == "bot":
            data = event.get("data")
            buttons = data.get("buttons") if isinstance(data, dict) else None
            line = reply_line({"text": text, "buttons": buttons})
            if line:
                lines.append(line)
                titles = {b["payload"]: b["title"] for b in line["buttons"]} or titles
    return lines[-MAX_LINES:]
