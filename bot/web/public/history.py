"""A conversation's history for the page, rebuilt from the Rasa tracker's events."""

from __future__ import annotations

from typing import Any, TypedDict

from bot.rasa_io.apology import is_apology_event

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
    """User and bot messages in order. A clicked quick reply shows its title, not its payload.
    A message answered with the apology for a failed action was sent again by the page:
    it is shown once, where it was answered."""
    lines: list[ChatLine] = []
    titles: dict[str, str] = {}  # payload -> title, from the latest buttons offered
    for event in events:
        if not isinstance(event, dict):
            continue
        text = event.get("text")
        if is_apology_event(event):
            users = [i for i, line in enumerate(lines) if line["role"] == "user"]
            del lines[users[-1] if users else len(lines) :]
        elif event.get("event") == "user" and isinstance(text, str):
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
