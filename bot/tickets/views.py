"""What the ticket desk hands out: frozen snapshots, so no ORM object leaks to callers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TicketView:
    """A ticket as applicants and staff see it.

    Attributes:
        pending: True when the ticket is only in the spool (database unreachable); it
            reaches the database, with the same reference, at the next flush.
    """

    reference: str
    language: str
    question: str
    conversation_id: str | None
    contact_email: str | None
    reply_channel: str
    status: str
    assignee_email: str | None
    created_at: datetime
    updated_at: datetime
    pending: bool = False
    assignee_id: int | None = None
    closed_at: datetime | None = None


@dataclass(frozen=True)
class ReplyView:
    """A staff reply and the state of its e-mail delivery (not_needed|pending|sent|failed)."""

    id: int
    author_email: str | None
    text: str
    created_at: datetime
    delivery_status: str
    delivery_attempts: int
    delivery_error: str | None
    last_attempt_at: datetime | None = None


@dataclass(frozen=True)
class NoteView:
    """An internal note, visible to staff only."""

    id: int
    author_email: str | None
    text: str
    created_at: datetime


@dataclass(frozen=True)
class AuditView:
    """One line of the audit log; `actor_email` is None for the system (CLI, purge, mail)."""

    at: datetime
    actor_email: str | None
    action: str
    ticket_reference: str | None
    detail: str
    account_email: str | None = None


@dataclass(frozen=True)
class TicketDetail:
    """A ticket with its replies, notes and audit trail, oldest first."""

    ticket: TicketView
    replies: list[ReplyView]
    notes: list[NoteView]
    audit: list[AuditView]


@dataclass(frozen=True)
class StaffView:
    """A staff account, without its password hash."""

    id: int
    email: str
    role: str
    active: bool
    created_at: datetime
