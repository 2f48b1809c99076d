"""Passing a question to staff: a Rasa form (handoff_form) that confirms the question,
asks consent and how to answer (e-mail or this chat), then opens a ticket."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import message_intent, message_text
from actions.guided import AskSlot, GuidedFormValidation, answering, is_interruption
from actions.language import reply_language
from bot.answers import handoff
from bot.answers.reply import Reply
from bot.eligibility.interpret import yes_or_no
from bot.intents import intents
from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.vocabulary import found
from bot.tickets.states import ReplyChannel

Slots = dict[str, Any]
DECLINED = "declined"  # handoff_channel when the applicant says no: the form ends, nothing stored
_EMAIL = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[A-Za-z]{2,}")
MIN_QUESTION_WORDS = 2


def email_in(text: str) -> str | None:
    """The e-mail address written in `text`, if any."""
    match = _EMAIL.search(text)
    return match.group(0).strip(".") if match else None


def _intent(tracker: Tracker) -> str:
    return message_intent(tracker.latest_message)[0]


def _gives_up(tracker: Tracker) -> bool:
    """ "stop", or a change of mind ("laisse tomber", "toch maar niet") at any step."""
    never_mind = "never_mind" in found(reply_language(tracker), "handoff_answers", message_text(tracker))
    return _intent(tracker) == "stop" or never_mind


def _says(tracker: Tracker, lang: str) -> str | None:
    """ "yes", "no" (also "stop") or None."""
    intent = _intent(tracker)
    return "no" if intent == "stop" else yes_or_no(message_text(tracker), lang, intent)


def _reask(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, **values: str) -> Slots:
    """Say the answer could not be used; the form then asks the question again."""
    dispatcher.utter_message(text=handoff.reask(load_knowledge(reply_language(tracker)), slot, **values))
    return {slot: None}


def _answerable(tracker: Tracker) -> bool:
    """A question of fact the assistant answers itself ("en fait avant ça, c'est quoi les 3
    technologies ?"), asked in the middle of the hand-off: not a question for staff."""
    return is_interruption(tracker) and _intent(tracker) in intents().facts


class ValidateHandoffForm(GuidedFormValidation):
    """Reads the applicant's answers; "no" or "stop" at any step ends the hand-off."""

    def name(self) -> str:
        return "validate_handoff_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        channel = tracker.get_slot("handoff_channel")
        if channel == DECLINED:  # filled, so the form ends; kept in the list so it is not dropped
            return ["handoff_channel"]
        slots = ["handoff_question", "handoff_question_ok", "handoff_channel"]
        return [*slots, "handoff_email"] if channel == ReplyChannel.EMAIL else slots

    async def extract_handoff_question(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if not answering(tracker, "handoff_question"):
            return {}
        if _gives_up(tracker):
            return {"handoff_channel": DECLINED}
        if _answerable(tracker):
            return {}  # answered here and now, then the hand-off asks its question again
        text = message_text(tracker)
        if len(text.split()) < MIN_QUESTION_WORDS:
            return _reask(dispatcher, tracker, "handoff_question")
        # Typed just now in answer to "what is your question?": no need to confirm it.
        return {"handoff_question": text, "handoff_question_ok": True}

    async def extract_handoff_question_ok(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if not answering(tracker, "handoff_question_ok"):
            return {}
        if _gives_up(tracker):
            return {"handoff_channel": DECLINED}
        if _says(tracker, reply_language(tracker)) == "yes":
            return {"handoff_question_ok": True}
        if _answerable(tracker):
            return {}
        text = message_text(tracker)
        if len(text.split()) >= 3:  # the corrected question
            return {"handoff_question": text, "handoff_question_ok": True}
        return {"handoff_question": None, "handoff_question_ok": None}  # "no": ask it again

    async def extract_handoff_channel(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if not answering(tracker, "handoff_channel"):
            return {}
        lang, text = reply_language(tracker), message_text(tracker)
        email = email_in(text)
        if email:
            return {"handoff_channel": ReplyChannel.EMAIL.value, "handoff_email": email}
        if "@" in text:  # an address, mistyped: e-mail it is, and the address is asked again
            return {
                "handoff_channel": ReplyChannel.EMAIL.value,
                **_reask(dispatcher, tracker, "handoff_email", email=text[:80]),
            }
        choice = found(lang, "handoff_answers", text)
        if "never_mind" in choice:
            return {"handoff_channel": DECLINED}
        if "email" in choice:
            return {"handoff_channel": ReplyChannel.EMAIL.value}
        if "chat" in choice:
            return {"handoff_channel": ReplyChannel.CHAT.value}
        if _says(tracker, lang) == "no":
            return {"handoff_channel": DECLINED}
        if is_interruption(tracker):  # answered by action_answer, then asked again
            return {}
        return _reask(dispatcher, tracker, "handoff_channel")

    async def extract_handoff_email(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if not answering(tracker, "handoff_email"):
            return {}
        lang, text = reply_language(tracker), message_text(tracker)
        email = email_in(text)
        if email:
            return {"handoff_email": email}
        if "@" in text:  # a mistyped address, whatever the NLU reads in it: ask again
            return _reask(dispatcher, tracker, "handoff_email", email=text[:80])
        choice = found(lang, "handoff_answers", text)
        if "never_mind" in choice:
            return {"handoff_channel": DECLINED}
        if "chat" in choice:
            return {"handoff_channel": ReplyChannel.CHAT.value}
        if _says(tracker, lang) == "no":
            return {"handoff_channel": DECLINED}
        if is_interruption(tracker):
            return {}
        return _reask(dispatcher, tracker, "handoff_email", email=text[:80])


class _AskHandoffQuestion(AskSlot):
    def question(self, k: Knowledge, tracker: Tracker) -> Reply:
        return handoff.ask(k, self.slot, question=str(tracker.get_slot("handoff_question") or ""))


class ActionAskHandoffQuestion(_AskHandoffQuestion):
    """Asks the question to pass on to staff."""

    slot = "handoff_question"


class ActionAskHandoffQuestionOk(_AskHandoffQuestion):
    """Asks whether the question as understood is right."""

    slot = "handoff_question_ok"


class ActionAskHandoffChannel(_AskHandoffQuestion):
    """Asks how the applicant wants the answer (e-mail or chat)."""

    slot = "handoff_channel"


class ActionAskHandoffEmail(_AskHandoffQuestion):
    """Asks the e-mail address to answer to."""

    slot = "handoff_email"
