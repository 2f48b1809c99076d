"""Sending a `bot.answers.Reply` and turning what it leads to into Rasa events.

Each SlotSet is an event stored and replayed with the conversation: a slot is set only
when its value changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.answers.reply import ELIGIBILITY_CHECK, HANDOFF, Reply
from bot.dialogue.memory import BRUSSELS, OUTSIDE, Memory, fits_a_measure
from bot.eligibility import ACTIVITY_OUTSIDE, ACTIVITY_YES

# The slots of a guided conversation that are its own, not the conversation's memory:
# cleared when it starts again or is cancelled (the hand-off's hold personal data).
FORM_SLOTS = {
    ELIGIBILITY_CHECK: ["brussels_activity", "project_description"],
    HANDOFF: ["handoff_question", "handoff_question_ok", "handoff_channel", "handoff_email"],
}
# Where the applicant said they are based answers the check's question on activities.
_ACTIVITY_OF_PLACE = {BRUSSELS: ACTIVITY_YES, OUTSIDE: ACTIVITY_OUTSIDE}


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    """Write `reply` (text and quick-reply buttons) to the applicant."""
    dispatcher.utter_message(text=reply.text, buttons=[b.as_dict() for b in reply.buttons])


def slot_events(tracker: Tracker, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """SlotSet events for the slots whose value differs from the tracker's."""
    return [SlotSet(name, value) for name, value in values.items() if tracker.get_slot(name) != value]


def clear(form: str) -> list[dict[str, Any]]:
    """Slot events that empty every slot of `form`."""
    return [SlotSet(slot, None) for slot in FORM_SLOTS[form]]


def stop_form() -> list[dict[str, Any]]:
    """Leave the active guided conversation."""
    return [ActiveLoop(None), SlotSet("requested_slot", None)]


def events_of(tracker: Tracker, reply: Reply, memory: Memory, lang: str) -> list[dict[str, Any]]:
    """The offer to remember, the guided conversation to start (with what it already
    knows), the question to pass on."""
    values: dict[str, Any] = {"pending_offer": reply.offer, "starting": reply.start}
    if reply.start:
        values.update({slot: None for slot in FORM_SLOTS[reply.start]})
    if reply.start == ELIGIBILITY_CHECK:  # what the applicant said already is not asked again
        values["brussels_activity"] = _ACTIVITY_OF_PLACE.get(memory.place or "")
        values["project_description"] = memory.project if fits_a_measure(memory.project, lang) else None
    if HANDOFF in (reply.offer, reply.start):
        values["handoff_question"] = reply.question
    return slot_events(tracker, values)  # `starting` set: data/rules/guided.yml starts the form
