"""`action_answer`: replies to every message from the knowledge base, and manages the
guided conversations around it (starting them, resuming or cancelling them)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import context_of, memory_of, message_of
from actions.language import reply_language
from actions.replies import clear, events_of, send, slot_events, stop_form
from bot.answers import Reply
from bot.answers.reply import ELIGIBILITY_CHECK
from bot.clock import today
from bot.dialogue.memory import changed_slots
from bot.dialogue.plan import CONFIDENT, Message
from bot.dialogue.respond import respond
from bot.intents import intents
from bot.knowledge import load_knowledge


class ActionAnswer(Action):
    """Answers the latest message (each question it asks), in the applicant's language."""

    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        lang = reply_language(tracker)
        message = message_of(tracker, lang)
        active = (tracker.active_loop or {}).get("name")
        first = slot_events(tracker, {"language": lang})
        if active and cancels(message):
            first += cancel(dispatcher, active, lang)
            if message.intent in intents().cancels_forms:
                if not asks_for_a_person(message):
                    return first
                # "laissez tomber la vérif, je peux parler à quelqu'un ?": the hand-off starts
                message = replace(message, intent="request_human", parts=())
            else:  # "laat maar. hoeveel weegt de sector?": the question is answered, the check left
                message = replace(message, parts=[p for p in message.parts if p.intent not in intents().cancels_forms])
            active = None

        before = memory_of(tracker)
        reply, after = respond(message, before, context_of(tracker), today())
        send(dispatcher, reply)
        events = [*first, *slot_events(tracker, changed_slots(before, after))]
        if active and reply.start:  # e.g. asking for a person in the middle of the check
            events += stop_form()
        elif active:  # an interruption: answered; the form resumes (data/rules/guided.yml)
            return events
        return events + events_of(tracker, reply, after, lang)


def cancels(message: Message) -> bool:
    """The message, or one of its clauses ("laat maar. …"), leaves the guided conversation."""
    table = intents().cancels_forms
    return message.intent in table or any(
        part.intent in table and part.confidence >= CONFIDENT for part in message.parts
    )


def asks_for_a_person(message: Message) -> bool:
    """A clause of the message asks for a person, beside the one that cancels."""
    return any(part.intent == "request_human" for part in message.parts)


def cancel(dispatcher: CollectingDispatcher, form: str, lang: str) -> list[dict[str, Any]]:
    """Leaves the guided conversation `form`, forgetting its own answers (not what the
    applicant told us about themselves)."""
    k = load_knowledge(lang)
    key = "check" if form == ELIGIBILITY_CHECK else "handoff"
    send(dispatcher, Reply(k.wording[key]["cancelled"]))
    return [*stop_form(), *clear(form), SlotSet("pending_offer", None)]
