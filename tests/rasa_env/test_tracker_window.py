"""The tracker the dialogue loop gets: the last turns, in the state the whole history
gives, from memory while no other server wrote; every event stored once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.tracker_store import SafeSQLTrackerStore
from bot.rasa_plugins.tracker_window import MAX_TURNS, windowed

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [ask_budget, greet]
slots:
  starting: {type: categorical, values: [a_form], influence_conversation: true, mappings: [{type: custom}]}
  kind: {type: text, influence_conversation: false, mappings: [{type: custom}]}
forms:
  a_form: {required_slots: [kind]}
actions: [action_answer]
"""
)


def turn(n: int, *extra: Event) -> list[Event]:
    return [
        ActionExecuted("action_listen"),
        UserUttered(f"question {n}", {"name": "ask_budget", "confidence": 1.0}),
        ActionExecuted("action_answer"),
        BotUttered(f"answer {n}"),
        *extra,
    ]


def conversation(turns: int, first: list[Event] | None = None) -> DialogueStateTracker:
    events = [*(first or []), *(e for n in range(turns) for e in turn(n))]
    return DialogueStateTracker.from_events("someone", events, DOMAIN.slots)


def test_a_long_conversation_keeps_its_last_turns_and_its_state() -> None:
    full = conversation(40, turn(-1, SlotSet("kind", "asbl"), SlotSet("starting", "a_form"), SlotSet("starting")))
    cut = windowed(full)
    assert len(cut.events) < 40
    assert cut.current_slot_values() == full.current_slot_values()
    assert cut.latest_message.text == "question 39"
    assert cut.past_states(DOMAIN)[-8:] == full.past_states(DOMAIN)[-8:]
    assert cut.stored == len(cut.events)


def test_it_is_not_cut_while_a_form_is_active() -> None:
    full = conversation(30, [*turn(-1, ActiveLoop("a_form"))])
    cut = windowed(full)
    assert cut.active_loop_name == "a_form"
    assert len(cut.events) == len(full.events)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


def answer(store: SafeSQLTrackerStore, n: int, *extra: Event) -> DialogueStateTracker:
    """One message handled as the Rasa server does: retrieve, new events, save."""
    tracker = asyncio.run(store.get_or_create_tracker("someone", append_action_listen=False))
    for event in turn(n, *extra):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    return tracker


@pytest.fixture
def store(url: str) -> SafeSQLTrackerStore:
    return SafeSQLTrackerStore(domain=DOMAIN, host=url)


def test_every_event_is_stored_once_and_a_conversation_survives_a_restart(store: SafeSQLTrackerStore, url: str) -> None:
    answer(store, 0, SlotSet("kind", "asbl"))
    for n in range(1, 3 * MAX_TURNS):
        last = answer(store, n)
    assert len(last.events) <= 4 * (MAX_TURNS + 2)  # what the dialogue loop got: bounded
    full = asyncio.run(store.retrieve_full_tracker("someone"))
    assert full is not None and len(full.events) == 4 * 3 * MAX_TURNS + 1  # and the SlotSet
    restarted = asyncio.run(SafeSQLTrackerStore(domain=DOMAIN, host=url).retrieve("someone"))
    assert restarted is not None and restarted.get_slot("kind") == "asbl"
    assert restarted.latest_message.text == f"question {3 * MAX_TURNS - 1}"


def test_what_another_server_wrote_is_read(store: SafeSQLTrackerStore, url: str) -> None:
    other = SafeSQLTrackerStore(domain=DOMAIN, host=url)
    answer(store, 0)
    answer(other, 1, SlotSet("kind", "asbl"))
    assert answer(store, 2).get_slot("kind") == "asbl"
    full = asyncio.run(store.retrieve_full_tracker("someone"))
    assert full is not None and [e.text for e in full.events if isinstance(e, UserUttered)] == [
        "question 0",
        "question 1",
        "question 2",
    ]
