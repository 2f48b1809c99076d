"""The tracker store: bad sender ids and database errors are exceptions, never an exit."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.tracker_store import SafeSQLTrackerStore, SenderNotStorable
from tests.integration.tickets.helpers import postgres_database

DOMAIN = Domain.from_yaml('version: "3.1"\nintents: [ask_budget]\n')


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SafeSQLTrackerStore]:
    if request.param == "sqlite":
        yield SafeSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'tracker.db'}")
        return
    with postgres_database() as url:
        tracker_store = SafeSQLTrackerStore(domain=DOMAIN, host=url)
        yield tracker_store
        tracker_store.engine.dispose()


def tracker(sender: str, *events: object) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [ActionExecuted("action_listen"), *events], DOMAIN.slots)


@pytest.mark.parametrize("sender", ["\ud800x", "a\x00b", "", "x" * 101, "line\nbreak"])
def test_a_sender_id_it_cannot_hold_is_refused_with_an_exception(store: SafeSQLTrackerStore, sender: str) -> None:
    with pytest.raises(SenderNotStorable):
        asyncio.run(store.retrieve(sender))
    with pytest.raises(SenderNotStorable):
        asyncio.run(store.retrieve_full_tracker(sender))
    with pytest.raises(SenderNotStorable):
        asyncio.run(store.save(tracker(sender)))


def test_a_database_error_inside_a_session_is_an_exception_not_an_exit(store: SafeSQLTrackerStore) -> None:
    # A lone surrogate (SQLite) or a NUL (PostgreSQL) in a column Rasa fills from the
    # event: Rasa's own store turned the ValueError into sys.exit.
    bad = UserUttered("hi", {"name": "ask\ud800\x00", "confidence": 1.0})
    with pytest.raises(Exception) as raised:  # noqa: PT011 (any exception but SystemExit)
        asyncio.run(store.save(tracker("fine-sender", bad)))
    assert not isinstance(raised.value, SystemExit)
    asyncio.run(store.save(tracker("fine-sender", UserUttered("Quel budget ?", {"name": "ask_budget"}))))
    stored = asyncio.run(store.retrieve("fine-sender"))
    assert stored is not None and stored.latest_message.text == "Quel budget ?"


def test_errors_do_not_show_what_was_written(store: SafeSQLTrackerStore) -> None:
    # SQLAlchemy puts the statement's parameters (the event, with the applicant's text)
    # in its error messages, which Rasa logs.
    bad = UserUttered("my address is jeanne@example.org", {"name": "x" * 300, "confidence": 1.0})
    try:
        asyncio.run(store.save(tracker("fine-sender", bad)))
    except Exception as error:  # PostgreSQL: the intent name is too long for its column
        assert "jeanne@example.org" not in str(error)  # noqa: PT017 (SQLite accepts it: no raises)
