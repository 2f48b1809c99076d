"""What the guided conversations (Rasa forms) share: when a message answers a question."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import message_intent, message_text
from actions.language import reply_language
from actions.replies import send
from bot.answers.reply import Reply
from bot.knowledge import Knowledge, load_knowledge

# A message with one of these intents, when it gives no usable answer, is a question of
# its own: the form lets it be answered, then comes back (actions/answer.py).
INTERRUPTIONS = frozenset(
    [
        "ask_budget",
        "ask_deadline",
        "ask_measures",
        "ask_technologies",
        "ask_submission",
        "ask_purpose",
        "ask_next_tech",
        "ask_launcher",
        "ask_context_figures",
        "ask_more_info",
        "ask_unanswered",
        "request_human",
        "bot_challenge",
        "ask_capabilities",
        "ask_ticket_status",
        "greet",
        "thank",
        "goodbye",
        "stop",
    ]
)
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
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") not in {form, "action_listen", None}:
            return True
    return False


def is_interruption(tracker: Tracker) -> bool:
    """A confident question, "stop", or a button that triggers an intent directly."""
    name, confidence = message_intent(tracker.latest_message)
    button = message_text(tracker).startswith("/")
    return name == "stop" or (name in INTERRUPTIONS and (confidence >= CONFIDENT or button))


class AskSlot(Action):
    """Asks the question of one slot of a form (Rasa calls `action_ask_<slot>`)."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def question(self, k: Knowledge, tracker: Tracker) -> Reply:
        raise NotImplementedError

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any) -> list[dict[str, Any]]:
        send(dispatcher, self.question(load_knowledge(reply_language(tracker)), tracker))
        return []
