"""The keys our NLU components add to Rasa's parse data, and reading them back.

Rasa passes every key a component sets with `add_to_output=True` into the user event's
`parse_data`, which the action server receives as `tracker.latest_message`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LANGUAGE = "language"  # {"detected", "requested", "page"} (bot/rasa_plugins/language_detector.py)
PARTS = "parts"  # the message's clauses with their own intents (linear_intent_classifier.py)


@dataclass(frozen=True)
class Part:
    """One clause of a message and the intent the classifier gives it on its own."""

    text: str
    start: int
    end: int
    sentence: int  # index of its sentence in the message
    question: bool  # its sentence ends with "?"
    intent: str
    confidence: float


def intent_of(parse_data: Mapping[str, Any]) -> tuple[str, float]:
    """The intent of a parsed message and its confidence ("" when there is none)."""
    intent = parse_data.get("intent") or {}
    return str(intent.get("name") or ""), float(intent.get("confidence") or 0.0)


def parts_of(parse_data: Mapping[str, Any]) -> list[Part]:
    """The message's parts, in order (empty for a message parsed without them)."""
    found = []
    for item in parse_data.get(PARTS) or []:
        if not isinstance(item, dict):
            continue
        found.append(
            Part(
                text=str(item.get("text") or ""),
                start=int(item.get("start") or 0),
                end=int(item.get("end") or 0),
                sentence=int(item.get("sentence") or 0),
                question=bool(item.get("question")),
                intent=str(item.get("name") or ""),
                confidence=float(item.get("confidence") or 0.0),
            )
        )
    return found
