"""Sending a `bot.answers.Reply` and turning what it leads to into Rasa events."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.answers.reply import ELIGIBILITY_CHECK, HANDOFF, Reply

# The slots each guided conversation fills; cleared when it starts again or is cancelled.
FORM_SLOTS = {
    ELIGIBILITY_CHECK: ["applicant_kind", "brussels_activity", "project_description"],
    HANDOFF: ["handoff_question", "handoff_question_ok", "handoff_channel", "handoff_email"],
}


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    """Write `reply` (text and quick-reply buttons) to the applicant."""
    dispatcher.utter_message(text=reply.text, buttons=[b.as_dict() for b in reply.buttons])


def clear(form: str) -> list[dict[str, Any]]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS[form]]


def stop_form() -> list[dict[str, Any]]:
    """Leave the active guided conversation."""
    return [ActiveLoop(None), SlotSet("requested_slot", None)]


def events_of(reply: Reply) -> list[dict[str, Any]]:
    """The offer to remember, the guided conversation to start, the question to pass on."""
    events: list[dict[str, Any]] = [SlotSet("pending_offer", reply.offer)]
    if reply.start:
        events += clear(reply.start)
    if HANDOFF in (reply.offer, reply.start):
        events.append(SlotSet("handoff_question", reply.question))
    if reply.start:
        events.append(FollowupAction(reply.start))
    return events
