"""Quick replies shared by several answers."""

from __future__ import annotations

from bot.answers.reply import Button
from bot.knowledge import Knowledge
from bot.rasa_io.intent_syntax import intent_payload


def menu(k: Knowledge) -> list[Button]:
    """The topics offered as quick replies (payloads trigger the intent directly)."""
    return [Button(item["title"], intent_payload(item["intent"])) for item in k.wording["menu"]]


def yes_no(k: Knowledge) -> list[Button]:
    """Yes/No quick replies; their payloads are plain words so the NLU reads them."""
    labels = k.wording["buttons"]
    return [Button(labels["yes"], labels["yes"].lower()), Button(labels["no"], labels["no"].lower())]
