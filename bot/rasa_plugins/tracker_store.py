"""The SQL tracker store (`endpoints.yml`): Rasa's, minus its two ways to stop the server.

Rasa's `SQLTrackerStore.session_scope` turns any `ValueError` raised while a session is
open into `sys.exit` (it means "the PostgreSQL schema is missing", but a sender id with
a lone surrogate on SQLite, or a NUL on PostgreSQL, raises one too). Here the schema is
checked once at start-up, errors stay exceptions, and a sender id the store cannot hold
is refused before any query: the HTTP API (`/conversations/<id>/...`) passes ids to the
store without the REST channel's checks. Its errors never quote the events they failed
to write (they hold personal data, and Rasa logs the errors).
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore, ensure_schema_exists
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from sqlalchemy.orm import Session

from bot.rasa_io.sender import sender_problem


class SenderNotStorable(RasaException):
    """A sender id the tracker store cannot hold (see `bot.rasa_io.sender`)."""


def _check_sender(sender_id: str) -> None:
    problem = sender_problem(sender_id)
    if problem:
        raise SenderNotStorable(problem)


class SafeSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` that never exits and refuses unstorable sender ids."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # SQLAlchemy's errors quote the statement's parameters, i.e. what applicants wrote,
        # and Rasa logs them: keep them out.
        self.engine.hide_parameters = True
        with contextlib.closing(self.sessionmaker()) as session:
            try:
                ensure_schema_exists(session)
            except ValueError as missing:  # at start-up: the server does not start
                raise RasaException(f"PostgreSQL schema {missing} not found (POSTGRESQL_SCHEMA)") from None

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Session, None, None]:
        session = self.sessionmaker()
        try:
            yield session
        finally:
            session.close()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        _check_sender(sender_id)
        return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        _check_sender(conversation_id)
        return await super().retrieve_full_tracker(conversation_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        _check_sender(tracker.sender_id)
        await super().save(tracker)
