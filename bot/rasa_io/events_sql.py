"""Rasa's SQL tracker store, read with SQL: the `events` table and dialect-aware expressions.

Rasa (3.6) writes one row per event: `sender_id` (the conversation), `type_name` ("user",
"bot", "slot", "action", "active_loop"...), `timestamp` (Unix seconds, float),
`intent_name` (user events), `action_name` (actions, and the slot's name for slot events),
and `data`, the event as JSON text. The few JSON fields read here are extracted in the
database (`json_extract` on SQLite, `#>>` on PostgreSQL) so that nothing loads every event.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Column, Engine, Float, Integer, MetaData, String, Table, Text, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

# Declared, not reflected: only these columns are read, and Rasa has kept them since 2.x.
events = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)

USER, BOT, SLOT, ACTIVE_LOOP = "user", "bot", "slot", "active_loop"
FALLBACK_INTENT = "nlu_fallback"


@dataclass(frozen=True)
class Window:
    """[start, end) in Unix seconds; `offsets` are (from this timestamp on, UTC offset in
    seconds) in order, the first one applying before its timestamp too (daylight saving)."""

    start: float
    end: float
    offsets: tuple[tuple[float, int], ...] = ((0.0, 0),)


def in_window(window: Window, type_name: str) -> ColumnElement[bool]:
    """Events of this type in the window."""
    return (events.c.type_name == type_name) & (events.c.timestamp >= window.start) & (events.c.timestamp < window.end)


def open_tracker_store(url: str) -> Engine | None:
    """An engine that reads the tracker store at `url`, or None while it does not exist.

    A SQLite file is opened read-only, so that reading never creates it.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        if not path.exists():
            return None
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", connect_args={"timeout": 15})
    else:
        engine = create_engine(parsed, pool_pre_ping=True, pool_size=2, max_overflow=4)
    try:
        if not inspect(engine).has_table("events"):
            engine.dispose()
            return None
    except OperationalError:
        engine.dispose()
        return None
    return engine


class json_text(FunctionElement[str]):
    """The text at a path of a JSON text column, e.g. `json_text(events.c.data, "parse_data", "text")`."""

    type = Text()
    inherit_cache = False  # the path is not part of SQLAlchemy's cache key
    name = "json_text"

    def __init__(self, column: ColumnElement[Any], *path: str) -> None:
        self.path = path
        super().__init__(column)


@compiles(json_text, "sqlite")
def _json_text_sqlite(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(next(iter(element.clauses)), **kw)
    return f"json_extract({column}, '$.{'.'.join(element.path)}')"


@compiles(json_text, "postgresql")
def _json_text_pg(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    clause = next(iter(element.clauses))
    column = compiler.process(clause, **kw)
    document = column if isinstance(clause.type, JSON) else f"CAST({column} AS json)"
    return f"({document} #>> '{{{','.join(element.path)}}}')"


class json_doc(FunctionElement[Any]):
    """A JSON text column parsed once, for several `json_text` paths on the same row.

    PostgreSQL: jsonb (json text would be parsed again by each path); SQLite reads the
    text itself. Select it in a subquery with an OFFSET so PostgreSQL does not inline it.
    """

    type = JSON()
    inherit_cache = True
    name = "json_doc"


@compiles(json_doc, "sqlite")
def _json_doc_sqlite(element: json_doc, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(next(iter(element.clauses)), **kw)


@compiles(json_doc, "postgresql")
def _json_doc_pg(element: json_doc, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(next(iter(element.clauses)), **kw)} AS jsonb)"


class whole_days(FunctionElement[int]):
    """floor(seconds / 86400) for non-negative seconds: a day number."""

    type = Integer()
    inherit_cache = True
    name = "whole_days"


@compiles(whole_days, "sqlite")
def _days_sqlite(element: whole_days, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(({compiler.process(next(iter(element.clauses)), **kw)}) / 86400 AS INTEGER)"


@compiles(whole_days, "postgresql")
def _days_pg(element: whole_days, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(floor(({compiler.process(next(iter(element.clauses)), **kw)}) / 86400) AS INTEGER)"


# Rasa indexes `events` by sender only; insight and review read it by type and time.
READ_INDEX = "ix_events_type_name_timestamp"


def add_read_index(url: str) -> None:
    """Create (once) an index for reading by type and time, covering the insight's columns.

    Raises:
        LookupError: The tracker store has no `events` table yet.
    """
    engine = create_engine(url)
    try:
        if not inspect(engine).has_table("events"):
            raise LookupError("the tracker store has no events table yet (start Rasa once)")
        with engine.begin() as connection:
            connection.execute(
                text(
                    f"CREATE INDEX IF NOT EXISTS {READ_INDEX} ON events (type_name, timestamp, sender_id, intent_name)"
                )
            )
    finally:
        engine.dispose()


class TrackerStore:
    """The tracker store at a URL, opened on first use (it may appear after we start)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None

    def engine(self) -> Engine | None:
        """The engine, or None while there is no `events` table to read."""
        if self._engine is None:
            self._engine = open_tracker_store(self.url)
        return self._engine

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
