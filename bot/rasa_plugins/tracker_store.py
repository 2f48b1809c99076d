"""The SQL tracker store (`endpoints.yml`): Rasa's, minus its two ways to stop the server.

Rasa's `SQLTrackerStore.session_scope` turns any `ValueError` raised while a session is
open into `sys.exit` (it means "the PostgreSQL schema is missing", but a sender id with
a lone surrogate on SQLite, or a NUL on PostgreSQL, raises one too). Here the schema is
checked once at start-up, errors stay exceptions, and a sender id the store cannot hold
is refused before any query: the HTTP API (`/conversations/<id>/...`) passes ids to the
store without the REST channel's checks. Its errors never quote the events they failed
to write (they hold personal data, and Rasa logs the errors).

The dialogue loop gets the conversation's last turns (`tracker_window`), kept in memory
between messages (`tracker_cache`) while the store holds nothing newer: a message costs
the same at the 200th as at the 2nd. A save writes the events after the `stored` ones of
the tracker, without counting the stored ones first as Rasa does.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Generator, Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, ensure_schema_exists
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from sqlalchemy.orm import Session

from bot.rasa_io.sender import sender_problem
from bot.rasa_plugins.tracker_cache import RecentTrackers
from bot.rasa_plugins.tracker_window import WindowedTracker, needs_cut, windowed


class SenderNotStorable(RasaException):  # type: ignore[misc]  # Rasa is not installed where mypy runs: its classes are Any
    """A sender id the tracker store cannot hold (see `bot.rasa_io.sender`)."""


def _check_sender(sender_id: str) -> None:
    problem = sender_problem(sender_id)
    if problem:
        raise SenderNotStorable(problem)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # As bot's own database (bot/tickets/db.py): with WAL, a commit appends to the log
    # and needs no fsync of its own (a crash loses nothing; a power cut, the last few).
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


class SafeSQLTrackerStore(SQLTrackerStore):  # type: ignore[misc]  # Rasa is not installed where mypy runs: its classes are Any
    """`SQLTrackerStore` that never exits, refuses unstorable sender ids, and loads the
    last turns of a conversation, from memory when it can."""

    engine: sa.engine.Engine
    sessionmaker: sa.orm.sessionmaker[Session]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recent = RecentTrackers()
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            self._keep_sqlite_connections()
        # SQLAlchemy's errors quote the statement's parameters, i.e. what applicants wrote,
        # and Rasa logs them: keep them out.
        self.engine.hide_parameters = True
        with contextlib.closing(self.sessionmaker()) as session:
            try:
                ensure_schema_exists(session)
            except ValueError as missing:  # at start-up: the server does not start
                raise RasaException(f"PostgreSQL schema {missing} not found (POSTGRESQL_SCHEMA)") from None

    def _keep_sqlite_connections(self) -> None:
        """SQLAlchemy 1.4 opens and closes a connection per session on a SQLite file (and
        closing the last one checkpoints the WAL): a pool of open ones instead (py-spy:
        a fifth of the server's time went to opening and closing them)."""
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False})
        sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Session, None, None]:
        session = self.sessionmaker()
        try:
            yield session
        finally:
            session.close()

    def init_tracker(self, sender_id: str) -> DialogueStateTracker:
        return WindowedTracker(sender_id, self.domain.slots, max_event_history=self.max_event_history)

    def latest_event_id(self, sender_id: str) -> int | None:
        """The id of the conversation's latest event (an index lookup)."""
        with self.session_scope() as session:
            query = session.query(sa.func.max(self.SQLEvent.id)).filter(self.SQLEvent.sender_id == sender_id)
            latest: int | None = query.scalar()
            return latest

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        _check_sender(sender_id)
        latest = self.latest_event_id(sender_id)
        tracker = self.recent.get(sender_id, latest, self.domain.slots) if latest is not None else None
        if tracker is None:
            loaded = await super().retrieve(sender_id)
            if loaded is None:
                return None
            tracker = windowed(loaded)
            self.recent.put(tracker, latest)
        return tracker

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        _check_sender(conversation_id)
        return await super().retrieve_full_tracker(conversation_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        _check_sender(tracker.sender_id)
        await super().save(tracker)
        if not isinstance(tracker, WindowedTracker):  # e.g. the HTTP API replacing the events
            self.recent.drop(tracker.sender_id)
            return
        tracker.stored = len(tracker.events)
        self.recent.put(windowed(tracker) if needs_cut(tracker) else tracker, self.latest_event_id(tracker.sender_id))

    def _additional_events(self, session: Session, tracker: DialogueStateTracker) -> Iterator[Event]:
        if isinstance(tracker, WindowedTracker):
            return itertools.islice(tracker.events, tracker.stored, None)
        events: Iterator[Event] = super()._additional_events(session, tracker)
        return events
