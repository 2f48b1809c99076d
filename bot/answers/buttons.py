"""Quick replies shared by several answers."""

from __future__ import annotations

from functools import cache

from bot.answers.reply import Button
from bot.knowledge import Knowledge, load_knowledge
from bot.language import SUPPORTED


def intent_payload(intent: str) -> str:
    """The payload of a quick reply that triggers `intent` directly (Rasa's "/intent")."""
    return f"/{intent}"


def menu(k: Knowledge) -> list[Button]:
    """The topics offered as quick replies (payloads trigger the intent directly)."""
    return [Button(item["title"], intent_payload(item["intent"])) for item in k.wording["menu"]]


def yes_no(k: Knowledge) -> list[Button]:
    """Yes/No quick replies; their payloads are plain words so the NLU reads them."""
    labels = k.wording["buttons"]
    return [Button(labels["yes"], labels["yes"].lower()), Button(labels["no"], labels["no"].lower())]


@cache
def offered_intent_payloads() -> frozenset[str]:
    """Every intent payload the assistant's quick replies carry (menu and topics, all
    languages): the only intent syntax the REST channel lets through as such."""
    intents: set[str] = set()
    for lang in SUPPORTED:
        wording = load_knowledge(lang).wording
        intents.update(item["intent"] for item in wording["menu"])
        intents.update(wording["topics"])
    return frozenset(map(intent_payload, intents))
