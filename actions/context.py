"""What the tracker tells about the latest message: the message as the NLU read it
(bot.dialogue.plan.Message), the conversation's memory and its context."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Tracker

from bot.answers.reply import HANDOFF, Context
from bot.dialogue.memory import Memory, from_slots
from bot.dialogue.plan import Message
from bot.intents import FALLBACK
from bot.rasa_io.parse_data import intent_of, parts_of
from bot.rasa_io.transcript import user_events


def message_intent(message: Mapping[str, Any]) -> tuple[str, float]:
    """The intent of a parsed message and its confidence ("" when there is none)."""
    return intent_of(message)


def message_text(tracker: Tracker) -> str:
    """The latest message, white space collapsed."""
    return " ".join(str(tracker.latest_message.get("text") or "").split())


def message_of(tracker: Tracker, lang: str) -> Message:
    """The latest message with its intent and its parts' intents."""
    latest = tracker.latest_message
    intent, confidence = intent_of(latest)
    return Message(str(latest.get("text") or ""), lang, intent or FALLBACK, confidence, parts_of(latest))


def memory_of(tracker: Tracker) -> Memory:
    return from_slots(tracker.get_slot)


def fallbacks_in_a_row(tracker: Tracker) -> int:
    """How many messages just before the latest one were not understood."""
    count = 0
    for event in reversed(user_events(tracker.events)[:-1]):
        if intent_of(event.get("parse_data") or {})[0] != FALLBACK:
            break
        count += 1
    return count


def last_message(tracker: Tracker) -> str | None:
    """What the applicant wrote just before the latest message, if anything."""
    earlier = user_events(tracker.events)[:-1]
    return str(earlier[-1].get("text") or "") or None if earlier else None


def context_of(tracker: Tracker) -> Context:
    message = tracker.latest_message
    intent = intent_of(message)[0]
    ranking = [r.get("name") for r in message.get("intent_ranking") or []]
    offer = tracker.get_slot("pending_offer")
    offered_question = tracker.get_slot("handoff_question") if offer == HANDOFF else None
    memory = memory_of(tracker)
    return Context(
        offer=offer,
        previous_question=offered_question or memory.open_question,
        fallbacks_in_a_row=fallbacks_in_a_row(tracker),
        last_message=last_message(tracker),
        likely_intents=tuple(r for r in ranking if r and r not in {intent, FALLBACK, "out_of_scope"}),
        memory=memory,
    )
