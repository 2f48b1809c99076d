"""What every part of the desk shares: the engine, sessions, clock, spool and audit writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import Engine, select
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from bot.tickets.models import AuditEntry, Staff, Ticket
from bot.tickets.references import normalise_reference
from bot.tickets.spool import Spool

# Errors that mean "the database cannot be reached (or is not set up) right now";
# a ticket request is then spooled rather than lost.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeoutError)


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


class DeskBase:
    """State and helpers shared by the parts of `Desk`."""

    def __init__(self, engine: Engine, spool: Spool, clock: Callable[[], datetime]) -> None:
        self.engine = engine
        self.spool = spool
        self.clock = clock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def _now(self) -> datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("the desk clock must return timezone-aware datetimes")
        return now

    def _audit(
        self,
        session: Session,
        actor_id: int | None,
        action: str,
        detail: str = "",
        ticket: Ticket | None = None,
        account_id: int | None = None,
    ) -> None:
        session.add(
            AuditEntry(
                at=self._now(),
                actor_id=actor_id,
                action=action,
                ticket_id=ticket.id if ticket is not None else None,
                account_id=account_id,
                detail=detail,
            )
        )

    def _ticket(self, session: Session, reference: str) -> Ticket:
        canonical = normalise_reference(reference)
        ticket = None
        if canonical is not None:
            ticket = session.scalar(select(Ticket).where(Ticket.reference == canonical))
        if ticket is None:
            raise LookupError("no ticket with this reference")
        return ticket

    def _staff(self, session: Session, staff_id: int) -> Staff:
        staff = session.get(Staff, staff_id)
        if staff is None:
            raise LookupError(f"no staff account with id {staff_id}")
        return staff

    def _acting(self, session: Session, staff_id: int) -> Staff:
        staff = self._staff(session, staff_id)
        if not staff.active:
            raise ValueError(f"staff account {staff_id} is disabled")
        return staff

    def _actor(self, session: Session, actor_id: int | None) -> None:
        # None is the command line; any other actor must be a known account.
        if actor_id is not None:
            self._staff(session, actor_id)
