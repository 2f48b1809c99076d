"""The ticket desk: the one entry point of the action server, the staff console and the CLI.

`Desk` is synchronous (SQLAlchemy sessions, argon2): async callers wrap calls in
``asyncio.to_thread``. Its parts live in one module per concern:
`intake` (applicants), `handling` (staff work), `accounts`, `purge`, and for maintainers
`feedback` ("was this helpful?"), `annotations` (the review), `releases` (trained models)
and `statistics` (hand-off figures).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from bot.settings import bot_settings
from bot.tickets.accounts import AccountsMixin
from bot.tickets.annotations import AnnotationsMixin
from bot.tickets.base import utcnow
from bot.tickets.db import database_url_from_env, make_engine
from bot.tickets.feedback import FeedbackMixin
from bot.tickets.handling import HandlingMixin
from bot.tickets.intake import IntakeMixin, TicketRequest
from bot.tickets.purge import PurgeMixin
from bot.tickets.releases import ReleasesMixin
from bot.tickets.spool import Spool
from bot.tickets.statistics import StatisticsMixin

__all__ = ["Desk", "TicketRequest", "default_spool_dir", "utcnow"]


def default_spool_dir() -> Path:
    """TICKET_SPOOL_DIR, or `<project>/var/spool`."""
    return bot_settings().spool_dir


class Desk(
    IntakeMixin,
    HandlingMixin,
    AccountsMixin,
    PurgeMixin,
    FeedbackMixin,
    AnnotationsMixin,
    ReleasesMixin,
    StatisticsMixin,
):
    """Tickets, replies, notes, staff accounts, the audit log, feedback, annotations and models."""

    def __init__(self, engine: Engine, spool_dir: Path | None = None, clock: Callable[[], datetime] = utcnow) -> None:
        """Build a desk.

        Args:
            engine: From `bot.tickets.db.make_engine`.
            spool_dir: Where requests wait while the database is unreachable
                (default: TICKET_SPOOL_DIR or `<project>/var/spool`).
            clock: Returns the current timezone-aware time (tests move it).
        """
        super().__init__(engine, Spool(spool_dir or default_spool_dir()), clock)

    @classmethod
    def from_env(cls) -> Desk:
        """A desk on DATABASE_URL (default: the SQLite file in `var/`) and TICKET_SPOOL_DIR."""
        return cls(make_engine(database_url_from_env()), default_spool_dir())

    def dispose(self) -> None:
        """Close the database connections (end of process or of a test)."""
        self.engine.dispose()
