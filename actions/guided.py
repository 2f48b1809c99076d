"""What the guided conversations (Rasa forms) share: when a message answers a question."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import message_intent, message_text
from actions.language import reply_language
from actions.replies import send
from bot.answers.reply import Reply
from bot.intents import intents
from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.vocabulary import found
from bot.rasa_io.parse_data import parts_of
from bot.rasa_io.transcript import USER
from bot.text.normalize import words

CONFIDENT = 0.6


def answering(tracker: Tracker, slot: str) -> bool:
    """True when the latest message is the applicant's reply to the question for `slot`.

    Not when the form is resumed after an interruption: then another action (the answer
    to the interrupting question) ran after that message.
    """
    return tracker.get_slot("requested_slot") == slot and not _resumed(tracker)


def starting(tracker: Tracker) -> bool:
    """The form is being activated: the latest message is the one that started it."""
    return tracker.get_slot("requested_slot") is None


def _resumed(tracker: Tracker) -> bool:
    form = (tracker.active_loop or {}).get("name")
    for event in reversed(tracker.events):
        if event.get("event") == USER:
            return False
        if event.get("event") == "action" and event.get("name") not in {form, "action_listen", None}:
            return True
    return False


def is_interruption(tracker: Tracker) -> bool:
    """A confident question (also inside a longer message: "ok merci. et la date limite ?"),
    "stop", or a button that triggers an intent directly. action_answer answers it, then
    the form resumes."""
    table = intents()
    name, confidence = message_intent(tracker.latest_message)
    button = message_text(tracker).startswith("/")
    if name in table.cancels_forms or (name in table.interrupts_forms and (confidence >= CONFIDENT or button)):
        return True
    parts = parts_of(tracker.latest_message)
    return any(p.question and p.intent in table.questions and p.confidence >= CONFIDENT for p in parts)


def doesnt_know(tracker: Tracker, lang: str) -> bool:
    """ "Je ne sais pas", "geen idee": an answer the check can work with."""
    return bool(found(lang, "dont_know", message_text(tracker)))


def acknowledges(tracker: Tracker, lang: str) -> bool:
    """ "ok", "merci": not an answer, but nothing to be told off for either."""
    text = message_text(tracker)
    return len(words(text)) <= 3 and bool(found(lang, "acknowledgement", text))


class GuidedFormValidation(FormValidationAction, ABC):
    """A form's validation action; its first run also clears `starting`, the slot by
    which action_answer asked for the form (data/rules/guided.yml)."""

    @abstractmethod
    def name(self) -> str:
        """validate_<form>; abstract here, so that rasa_sdk does not register this base."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        events = await super().run(dispatcher, tracker, domain)
        return [*events, SlotSet("starting", None)] if tracker.get_slot("starting") else events


class AskSlot(Action):
    """Asks the question of one slot of a form (Rasa calls `action_ask_<slot>`)."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def question(self, k: Knowledge, tracker: Tracker) -> Reply:
        raise NotImplementedError

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        send(dispatcher, self.question(load_knowledge(reply_language(tracker)), tracker))
        return []
