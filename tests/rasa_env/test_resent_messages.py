"""A message sent again with the id of one already answered is not handled twice
(bot/rasa_plugins/resent_messages.py): it gets the stored replies, nothing is stored again.
Through Rasa's own Agent (its lock of the conversation) and our SQL tracker store, with
the NLU and the dialogue stood in for by a handler that stores a message and its answer."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered

from bot.rasa_io.apology import asks_to_retry
from bot.rasa_plugins import resent_messages
from bot.rasa_plugins.resent_messages import client_message_id, stored_replies
from bot.rasa_plugins.tracker_store import SafeSQLTrackerStore

DOMAIN = Domain.from_yaml('version: "3.1"\nintents: [ask_budget]\n')
SENDER = "conversation-1"
BUTTONS = [{"title": "Oui", "payload": "/affirm"}]
APOLOGY = BotUttered("Désolé, réessayez.", data={"custom": {"retry": True}})


def user(text: str, message_id: str | None = None) -> UserUttered:
    return UserUttered(text, metadata={"message_id": message_id} if message_id else {})


def answer(text: str) -> BotUttered:
    return BotUttered(f"réponse à {text}", data={"buttons": BUTTONS})


def texts(replies: list[dict[str, Any]] | None) -> list[str] | None:
    return None if replies is None else [r["text"] for r in replies]


def test_the_replies_of_the_message_with_that_id_until_the_next_message() -> None:
    events: list[Event] = [user("a", "m0"), answer("a"), BotUttered("et encore"), user("b", "m1"), answer("b")]
    assert texts(stored_replies(events, "m0")) == ["réponse à a", "et encore"]
    assert texts(stored_replies(events, "m1")) == ["réponse à b"]
    assert stored_replies(events, "m1")[0]["buttons"] == BUTTONS  # type: ignore[index]
    assert stored_replies(events, "m2") is None
    assert stored_replies([user("a")], "m0") is None  # a message without id matches none


def test_only_a_non_empty_string_is_a_message_id() -> None:
    assert client_message_id({"message_id": "m0", "language": "fr"}) == "m0"
    for metadata in (None, {}, {"language": "fr"}, {"message_id": ""}, {"message_id": 7}, ["message_id"]):
        assert client_message_id(metadata) is None


def test_a_message_answered_by_nothing_was_handled_all_the_same() -> None:
    assert stored_replies([user("a", "m0"), ActionExecuted("action_listen")], "m0") == []


def test_a_staff_reply_that_came_after_is_not_a_reply_to_the_message() -> None:
    staff = BotUttered("Bonjour, ici le secrétariat", metadata={"staff_reply": True, "reference": "T-1"})
    assert texts(stored_replies([user("a", "m0"), answer("a"), staff], "m0")) == ["réponse à a"]


def test_a_message_answered_by_the_apology_was_not_answered_and_is_handled_again() -> None:
    assert stored_replies([user("a", "m0"), APOLOGY], "m0") is None
    # ... and once handled again, its latest handling is the one that counts.
    assert texts(stored_replies([user("a", "m0"), APOLOGY, user("a", "m0"), answer("a")], "m0")) == ["réponse à a"]


class Handling:
    """Stands in for Rasa's handling of a message: stores it and its answer in one save at
    the end, as Rasa does, after a pause in which another copy waits for the lock."""

    def __init__(self) -> None:
        self.handled: list[str] = []
        self.apologise_first = False

    async def __call__(self, processor: MessageProcessor, message: UserMessage) -> list[dict[str, Any]] | None:
        tracker = await processor.tracker_store.get_or_create_tracker(message.sender_id)
        tracker.update(UserUttered(message.text, metadata=message.metadata))
        await asyncio.sleep(0.05)  # the NLU and the actions
        reply = APOLOGY if self.apologise_first and not self.handled else answer(message.text or "")
        tracker.update(reply)
        tracker.update(ActionExecuted("action_listen"))
        await message.output_channel.send_response(message.sender_id, reply.message())
        await processor.tracker_store.save(tracker)
        self.handled.append(message.text or "")
        assert isinstance(message.output_channel, CollectingOutputChannel)
        collected: list[dict[str, Any]] = message.output_channel.messages
        return collected


@pytest.fixture
def handling(monkeypatch: pytest.MonkeyPatch) -> Handling:
    fake = Handling()
    monkeypatch.setattr(MessageProcessor, "handle_message", MessageProcessor.handle_message)  # restored after
    resent_messages.install()
    monkeypatch.setattr(MessageProcessor, "_handle_message_without_replay", fake)
    return fake


@pytest.fixture
def agent(tmp_path: Path) -> Iterator[Agent]:
    store = SafeSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'tracker.db'}")
    agent = Agent(domain=DOMAIN, tracker_store=store)  # Rasa's in-memory lock store
    processor = MessageProcessor.__new__(MessageProcessor)  # no model: the handling is `Handling`
    processor.tracker_store = agent.tracker_store
    agent.processor = processor
    yield agent
    store.engine.dispose()


def send(agent: Agent, text: str, message_id: str | None = None) -> list[dict[str, Any]] | None:
    metadata = {"language": "fr", **({"message_id": message_id} if message_id else {})}
    message = UserMessage(text, CollectingOutputChannel(), SENDER, input_channel="rest", metadata=metadata)
    replies: list[dict[str, Any]] | None = asyncio.run(agent.handle_message(message))
    return replies


def stored_user_texts(agent: Agent) -> list[str]:
    tracker = asyncio.run(agent.tracker_store.retrieve_full_tracker(SENDER))
    assert tracker is not None
    return [e.text or "" for e in tracker.events if isinstance(e, UserUttered)]


def test_a_message_sent_again_gets_its_stored_replies_and_is_not_stored_twice(agent: Agent, handling: Handling) -> None:
    first = send(agent, "Quel budget ?", "m0")
    again = send(agent, "Quel budget ?", "m0")
    assert handling.handled == ["Quel budget ?"]
    assert again == first and texts(again) == ["réponse à Quel budget ?"] and again[0]["buttons"] == BUTTONS  # type: ignore[index]
    assert stored_user_texts(agent) == ["Quel budget ?"]
    send(agent, "Quel budget ?", "m1")  # the same text with another id is another message
    assert stored_user_texts(agent) == ["Quel budget ?", "Quel budget ?"]


def test_two_copies_in_flight_at_once_are_handled_once(agent: Agent, handling: Handling) -> None:
    # The copy bot.web gave up waiting for, still being handled, and the one the page sent again.
    async def both() -> tuple[Any, Any]:
        def copy() -> UserMessage:
            metadata = {"message_id": "m0"}
            return UserMessage("Quel budget ?", CollectingOutputChannel(), SENDER, metadata=metadata)

        return await asyncio.gather(agent.handle_message(copy()), agent.handle_message(copy()))

    first, second = asyncio.run(both())
    assert handling.handled == ["Quel budget ?"]
    assert texts(first) == texts(second) == ["réponse à Quel budget ?"]
    assert stored_user_texts(agent) == ["Quel budget ?"]


def test_a_message_without_id_is_handled_every_time(agent: Agent, handling: Handling) -> None:
    send(agent, "Quel budget ?")
    send(agent, "Quel budget ?")
    assert handling.handled == ["Quel budget ?", "Quel budget ?"]


def test_a_message_answered_by_the_apology_is_handled_again(agent: Agent, handling: Handling) -> None:
    handling.apologise_first = True
    assert asks_to_retry(send(agent, "Quel budget ?", "m0"))
    assert texts(send(agent, "Quel budget ?", "m0")) == ["réponse à Quel budget ?"]
    assert handling.handled == ["Quel budget ?", "Quel budget ?"]
