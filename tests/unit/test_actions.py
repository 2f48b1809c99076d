"""action_answer with trackers built in the test."""

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answer import ActionAnswer
from actions.language import reply_language

EMPTY_DOMAIN: DomainDict = {"intents": [], "entities": [], "slots": {}, "responses": {}, "actions": [], "forms": {}}


def tracker(text: str, intent: str, language: dict[str, str | None] | None = None, slot: str | None = None,
            metadata: dict[str, str] | None = None) -> Tracker:  # fmt: skip
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": [],
               "language": language or {}, "metadata": metadata or {}}  # fmt: skip
    return Tracker("t", {"language": slot}, message, [], False, None, {}, "action_listen")


async def run(t: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, t, EMPTY_DOMAIN)
    return dispatcher.messages, events


async def test_answers_in_the_detected_language_and_remembers_it() -> None:
    messages, events = await run(tracker("wat is het budget?", "ask_budget", {"detected": "nl"}, slot="fr"))
    assert "€ 400.000" in messages[0]["text"]
    assert events[0] == SlotSet("language", "nl")


async def test_an_ambiguous_message_keeps_the_conversation_language() -> None:
    messages, events = await run(tracker("budget ?", "ask_budget", {"detected": None}, slot="nl"))
    assert messages[0]["text"].startswith("De projectoproep")
    assert not [e for e in events if e.get("name") == "language"]  # unchanged: no event


async def test_the_page_language_starts_the_conversation() -> None:
    messages, _ = await run(tracker("ok", "greet", {"page": "nl"}))
    assert messages[0]["text"].startswith("Dag!")
    assert next(b["payload"] for b in messages[0]["buttons"]) == "/ask_budget"


@pytest.mark.parametrize(
    ("language", "slot", "metadata", "expected"),
    [
        ({"requested": "nl", "detected": "fr"}, "fr", {}, "nl"),
        ({"detected": "fr"}, "nl", {}, "fr"),
        ({}, None, {"language": "nl"}, "nl"),
        ({}, None, {}, "fr"),
        ({"detected": "en"}, "nl", {}, "nl"),
    ],
)
def test_reply_language_order(
    language: dict[str, str | None], slot: str | None, metadata: dict[str, str], expected: str
) -> None:
    assert reply_language(tracker("x", "greet", language, slot, metadata)) == expected
