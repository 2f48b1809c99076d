"""`action_answer`: replies to every question about the call from the knowledge base."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import reply_language
from bot.answers import Question, Reply, answer
from bot.clock import today


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    """Write `reply` (text and quick-reply buttons) to the applicant."""
    dispatcher.utter_message(text=reply.text, buttons=[b.as_dict() for b in reply.buttons])


class ActionAnswer(Action):
    """Answers the latest message according to its intent, in the applicant's language."""

    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = reply_language(tracker)
        message = tracker.latest_message
        question = Question(
            intent=(message.get("intent") or {}).get("name") or "nlu_fallback",
            text=message.get("text") or "",
            lang=lang,
            today=today(),
        )
        send(dispatcher, answer(question))
        return [SlotSet("language", lang)]
