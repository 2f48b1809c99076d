"""Rasa's intent syntax ("/intent", "/intent{...}") in what applicants type.

Rasa reads any message starting with "/" and naming an intent of the domain as that
intent: an applicant typing "/restart" or "/session_start" would reset the
conversation without a reply. Only the quick replies the assistant offers itself keep
this meaning; anything else starting with "/" is marked as text with a word joiner
(invisible, and removed by `bot.text.normalize.clean_text` before the NLU reads it), so
that Rasa no longer sees the prefix.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from bot.knowledge import load_knowledge
from bot.language import SUPPORTED

INTENT_PREFIX = "/"
TYPED_TEXT_MARK = "\u2060"  # WORD JOINER: not white space, so Rasa's strip() keeps it


def as_typed_text(text: str, offered_payloads: Collection[str]) -> str:
    """`text` unchanged, unless it uses intent syntax other than an offered quick reply."""
    stripped = text.strip()
    if stripped.startswith(INTENT_PREFIX) and stripped not in offered_payloads:
        return TYPED_TEXT_MARK + stripped
    return text


def intent_payload(intent: str) -> str:
    """The payload of a quick reply that triggers `intent` directly ("/intent")."""
    return f"{INTENT_PREFIX}{intent}"


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
