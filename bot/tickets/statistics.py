"""Figures of the hand-offs for the insight page, aggregated in the database (GROUP BY).

Works on SQLite and PostgreSQL: the one dialect-specific piece, the seconds between two
timestamps, is compiled per dialect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Float, case, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from bot.tickets.base import DeskBase
from bot.tickets.models import Reply, Ticket

# Upper bounds (seconds) of the response-time buckets; "waiting" holds tickets not answered yet.
RESPONSE_BUCKETS: tuple[tuple[str, float], ...] = (
    ("under_1h", 3600),
    ("under_4h", 4 * 3600),
    ("under_1d", 86400),
    ("under_3d", 3 * 86400),
    ("over_3d", float("inf")),
)
WAITING = "waiting"


class seconds_between(FunctionElement[float]):
    """`end - start` in seconds, for two timestamp columns."""

    type = Float()
    inherit_cache = True
    name = "seconds_between"


@compiles(seconds_between, "postgresql")
def _seconds_pg(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = list(element.clauses)
    return f"EXTRACT(EPOCH FROM ({compiler.process(end, **kw)} - {compiler.process(start, **kw)}))"


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = list(element.clauses)
    return f"((julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)})) * 86400.0)"


@dataclass(frozen=True)
class HandoffStats:
    """Tickets opened in a period and how long staff took to reply to them."""

    opened: int = 0
    answered: int = 0
    by_language: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    buckets: dict[str, int] = field(default_factory=dict)  # RESPONSE_BUCKETS names and WAITING
    median_seconds: float | None = None
    p90_seconds: float | None = None


def _counts(session: Any, column: ColumnElement[Any]) -> dict[str, int]:
    """`SELECT column, count(*) … GROUP BY column` as a dict."""
    rows = session.execute(select(column, func.count()).group_by(column)).tuples()
    return {str(value): int(count) for value, count in rows}


class StatisticsMixin(DeskBase):
    """Hand-off figures, computed with SQL aggregates."""

    def handoff_stats(self, since: datetime, until: datetime) -> HandoffStats:
        """Tickets created in [since, until): counts, and time until the first staff reply."""
        first = (
            select(Reply.ticket_id, func.min(Reply.created_at).label("first_reply"))
            .where(Reply.author_id.is_not(None))
            .group_by(Reply.ticket_id)
            .subquery()
        )
        opened = (
            select(Ticket.language, Ticket.reply_channel, first.c.first_reply, Ticket.created_at)
            .outerjoin(first, first.c.ticket_id == Ticket.id)
            .where(Ticket.created_at >= since, Ticket.created_at < until)
            .subquery()
        )
        delay = seconds_between(opened.c.created_at, opened.c.first_reply)
        bucket = case(
            (opened.c.first_reply.is_(None), WAITING),
            *((delay < limit, name) for name, limit in RESPONSE_BUCKETS if limit != float("inf")),
            else_=RESPONSE_BUCKETS[-1][0],
        )
        with self._sessions() as session:
            by_language = _counts(session, opened.c.language)
            by_channel = _counts(session, opened.c.reply_channel)
            buckets = _counts(session, bucket)
            answered = sum(n for name, n in buckets.items() if name != WAITING)
            median, p90 = (self._delay_at(session, delay, opened, answered, share) for share in (0.5, 0.9))
        return HandoffStats(
            opened=sum(by_language.values()),
            answered=answered,
            by_language=by_language,
            by_channel=by_channel,
            buckets={name: buckets.get(name, 0) for name, _ in (*RESPONSE_BUCKETS, (WAITING, 0))},
            median_seconds=median,
            p90_seconds=p90,
        )

    def handed_off_questions(self, since: datetime, until: datetime) -> set[tuple[str, str]]:
        """(conversation id, question) of the tickets opened in [since, until) (not purged)."""
        query = select(Ticket.conversation_id, Ticket.question).where(
            Ticket.created_at >= since, Ticket.created_at < until, Ticket.conversation_id.is_not(None)
        )
        with self._sessions() as session:
            return {(str(conversation), str(question)) for conversation, question in session.execute(query)}

    @staticmethod
    def _delay_at(session: Any, delay: ColumnElement[float], opened: Any, answered: int, share: float) -> float | None:
        """The delay at this share of the answered tickets (ORDER BY … OFFSET, both dialects)."""
        if not answered:
            return None
        offset = min(answered - 1, int(share * (answered - 1) + 0.5))
        query = select(delay).where(opened.c.first_reply.is_not(None)).order_by(delay).offset(offset).limit(1)
        value = session.scalar(query)
        return float(value) if value is not None else None
