"""Rasa's REST channel: sending an applicant's message and reading the assistant's replies.

`POST /webhooks/rest/webhook` with `{"sender", "message", "metadata"?}` returns a list of
messages, each with an optional `text` and optional `buttons` (`{"title", "payload"}`).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

WEBHOOK_PATH = "/webhooks/rest/webhook"


class RestChannelError(Exception):
    """The Rasa server could not be reached or did not answer with a list of messages."""


@dataclass(frozen=True)
class BotMessage:
    """One message of the assistant as the applicant sees it."""

    text: str
    buttons: tuple[str, ...] = ()  # the buttons' titles, in order


def parse_replies(data: Any) -> list[BotMessage]:
    """The messages in a REST channel reply; anything that is not a message is ignored."""
    if not isinstance(data, list):
        raise RestChannelError(f"expected a list of messages, got {type(data).__name__}")
    messages = []
    for item in data:
        if not isinstance(item, dict):
            continue
        buttons = item.get("buttons") or []
        titles = tuple(str(b.get("title", "")) for b in buttons if isinstance(b, dict) and b.get("title"))
        messages.append(BotMessage(text=str(item.get("text") or ""), buttons=titles))
    return messages


def shown_text(messages: list[BotMessage]) -> str:
    """Every text and button title of `messages`, one per line: what the applicant reads."""
    lines = [line for m in messages for line in (m.text, *m.buttons) if line]
    return "\n".join(lines)


@dataclass(frozen=True)
class RestChannel:
    """A client of one Rasa server's REST channel."""

    base_url: str
    timeout: float = 60.0

    def send(self, sender: str, message: str, metadata: dict[str, Any] | None = None) -> list[BotMessage]:
        """The assistant's replies to `message` from `sender` (metadata only when given)."""
        body: dict[str, Any] = {"sender": sender, "message": message}
        if metadata:
            body["metadata"] = metadata
        request = urllib.request.Request(
            self.base_url.rstrip("/") + WEBHOOK_PATH,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return parse_replies(json.load(response))
        except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError) as error:
            raise RestChannelError(f"POST {WEBHOOK_PATH}: {error}") from error
