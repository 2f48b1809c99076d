"""The apology for a failed action (domain.yml `utter_action_failed`), recognised by clients.

It carries `{"custom": {"retry": true}}`: the message was not answered (the action
server is down, or an action failed) and may be sent again later, which bot.web does.
In a REST channel reply the custom part is a message of its own; in the tracker it is
the `custom` of the apology's `bot` event.
"""

from __future__ import annotations

from typing import Any


def _marked(custom: Any) -> bool:
    return isinstance(custom, dict) and custom.get("retry") is True


def asks_to_retry(replies: Any) -> bool:
    """Whether a REST channel reply (a list of messages) is the apology."""
    return isinstance(replies, list) and any(isinstance(r, dict) and _marked(r.get("custom")) for r in replies)


def is_apology_event(event: Any) -> bool:
    """Whether a tracker event is the apology's `bot` event."""
    data = event.get("data") if isinstance(event, dict) and event.get("event") == "bot" else None
    return isinstance(data, dict) and _marked(data.get("custom"))
