"""What the conversation so far tells about the latest message (bot.answers.Context)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Tracker

from bot.answers.reply import HANDOFF, Context

# Messages that are not themselves a question worth passing to staff.
_NOT_A_QUESTION = frozenset(
    [
        "greet",
        "goodbye",
        "thank",
        "affirm",
        "deny",
        "stop",
        "request_human",
        "bot_challenge",
        "ask_capabilities",
        "ask_ticket_status",
        "unreadable_input",
        "input_too_long",
        "foreign_language",
    ]
)


def _user_events(tracker: Tracker) -> list[dict[str, Any]]:
    return [e for e in tracker.events if e.get("event") == "user"]


def message_intent(message: Mapping[str, Any]) -> tuple[str, float]:
    """The intent of a parsed message and its confidence ("" when there is none)."""
    intent = message.get("intent") or {}
    return str(intent.get("name") or ""), float(intent.get("confidence") or 0.0)


def message_text(tracker: Tracker) -> str:
    """The latest message, white space collapsed."""
    return " ".join(str(tracker.latest_message.get("text") or "").split())


def _intent(event: dict[str, Any]) -> str:
    return message_intent(event.get("parse_data") or {})[0]


def previous_question(tracker: Tracker) -> str | None:
    """The applicant's last real question before the latest message."""
    for event in reversed(_user_events(tracker)[:-1]):
        if _intent(event) not in _NOT_A_QUESTION and (event.get("text") or "").strip():
            return str(event["text"])
    return None


def fallbacks_in_a_row(tracker: Tracker) -> int:
    """How many messages just before the latest one were not understood."""
    count = 0
    for event in reversed(_user_events(tracker)[:-1]):
        if _intent(event) != "nlu_fallback":
            break
        count += 1
    return count


def context_of(tracker: Tracker) -> Context:
    message = tracker.latest_message
    intent = message_intent(message)[0]
    ranking = [r.get("name") for r in message.get("intent_ranking") or []]
    offer = tracker.get_slot("pending_offer")
    offered_question = tracker.get_slot("handoff_question") if offer == HANDOFF else None
    return Context(
        offer=offer,
        previous_question=offered_question or previous_question(tracker),
        fallbacks_in_a_row=fallbacks_in_a_row(tracker),
        likely_intents=tuple(r for r in ranking if r and r not in {intent, "nlu_fallback", "out_of_scope"}),
    )
