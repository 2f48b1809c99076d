"""`action_answer`: replies to every message from the knowledge base, and manages the
guided conversations around it (starting them, resuming or cancelling them)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import context_of, message_intent
from actions.language import reply_language
from actions.replies import clear, events_of, send, stop_form
from bot.answers import Question, Reply, answer
from bot.answers.reply import ELIGIBILITY_CHECK
from bot.clock import today
from bot.knowledge import load_knowledge

CANCEL_INTENTS = frozenset({"stop"})


class ActionAnswer(Action):
    """Answers the latest message according to its intent, in the applicant's language."""

    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = reply_language(tracker)
        message = tracker.latest_message
        intent = message_intent(message)[0] or "nlu_fallback"
        active = (tracker.active_loop or {}).get("name")
        if active and intent in CANCEL_INTENTS:
            return [SlotSet("language", lang), *cancel(dispatcher, active, lang)]

        question = Question(intent=intent, text=message.get("text") or "", lang=lang, today=today(),
                            context=context_of(tracker))  # fmt: skip
        reply = answer(question)
        send(dispatcher, reply)
        events: list[dict[str, Any]] = [SlotSet("language", lang)]
        if active and reply.start:  # e.g. asking for a person in the middle of the check
            events += stop_form()
        elif active:  # an interruption: answered, now back to the guided conversation
            return [*events, FollowupAction(active)]
        return events + events_of(reply)


def cancel(dispatcher: CollectingDispatcher, form: str, lang: str) -> list[dict[str, Any]]:
    """Leaves the guided conversation `form`, forgetting its answers."""
    k = load_knowledge(lang)
    key = "check" if form == ELIGIBILITY_CHECK else "handoff"
    send(dispatcher, Reply(k.wording[key]["cancelled"]))
    return [*stop_form(), *clear(form), SlotSet("pending_offer", None)]
