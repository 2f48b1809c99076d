"""The tables of bot's database (SQLAlchemy 2.0 declarative). Migrations: `bot/tickets/migrations/`.

Tickets, staff and the audit log; and what maintainers learn from: applicants'
"was this helpful?", review annotations, and the trained models' record.

Enumerations are strings with CHECK constraints rather than native enums: the same
schema on SQLite and PostgreSQL, and a new value is a one-line migration.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from bot.tickets.states import DeliveryStatus, ReplyChannel, TicketStatus, values

REPLY_CHANNELS = values(ReplyChannel)
STATUSES = values(TicketStatus)
# staff answer tickets; maintainers review what the assistant misunderstood; admins do both.
ROLES = ("staff", "maintainer", "admin")
DELIVERY_STATUSES = values(DeliveryStatus)
# candidate: trained, not yet decided; live: the one served; previous: kept for rollback.
RELEASE_STATUSES = ("candidate", "live", "previous", "retired", "refused")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    """Declarative base with named constraints (Alembic needs names to alter them)."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_name)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Staff(Base):
    """A staff account of the console."""

    __tablename__ = "staff"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Ticket(Base):
    """A question the assistant could not answer, for staff to answer."""

    __tablename__ = "ticket"
    __table_args__ = (
        CheckConstraint(_in("reply_channel", REPLY_CHANNELS), name="reply_channel"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        Index("ix_ticket_status_created_at", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    language: Mapped[str] = mapped_column(String(2))
    question: Mapped[str] = mapped_column(Text)
    conversation_id: Mapped[str | None] = mapped_column(String(255), index=True)
    contact_email: Mapped[str | None] = mapped_column(String(254))
    reply_channel: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default=TicketStatus.OPEN.value)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    assignee: Mapped[Staff | None] = relationship(lazy="joined")


class Reply(Base):
    """A staff reply to a ticket, and the state of its e-mail delivery."""

    __tablename__ = "reply"
    __table_args__ = (CheckConstraint(_in("delivery_status", DELIVERY_STATUSES), name="delivery_status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    delivery_status: Mapped[str] = mapped_column(String(16), index=True)
    delivery_attempts: Mapped[int] = mapped_column(default=0)
    delivery_error: Mapped[str | None] = mapped_column(Text)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Set while one sender holds the reply, so two senders never e-mail it twice.
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    author: Mapped[Staff | None] = relationship(lazy="joined")
    ticket: Mapped[Ticket] = relationship(lazy="joined")


class Note(Base):
    """An internal note on a ticket, for staff only."""

    __tablename__ = "note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    author: Mapped[Staff | None] = relationship(lazy="joined")
    ticket: Mapped[Ticket] = relationship()


class AuditEntry(Base):
    """Who did what, when, on which ticket or account. Never updated, never deleted."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    detail: Mapped[str] = mapped_column(Text, default="")

    actor: Mapped[Staff | None] = relationship(foreign_keys=[actor_id], lazy="joined")
    account: Mapped[Staff | None] = relationship(foreign_keys=[account_id], lazy="joined")
    ticket: Mapped[Ticket | None] = relationship(lazy="joined")


class Feedback(Base):
    """An applicant's "was this helpful?" on one answer; changed at most once.

    The message and answer are stored with e-mail addresses and phone numbers masked,
    and removed with their conversation (`bot purge`).
    """

    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("conversation_id", "message_id"),
        Index("ix_feedback_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(255))
    message_id: Mapped[str] = mapped_column(String(64))  # the page's id of the applicant's message
    helpful: Mapped[bool]
    changes: Mapped[int] = mapped_column(default=0)
    intent: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str | None] = mapped_column(String(8))
    question: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    # When the message reached the tracker store: finds it again for the review.
    event_timestamp: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Annotation(Base):
    """A maintainer's label for a misunderstood message: the intent it should have had."""

    __tablename__ = "annotation"
    __table_args__ = (Index("ix_annotation_language_text_key", "language", "text_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)  # e-mail addresses and phone numbers masked
    text_key: Mapped[str] = mapped_column(String(255))  # the text folded, as messages are grouped
    intent: Mapped[str] = mapped_column(String(64))
    predicted_intent: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float | None] = mapped_column(Float)
    occurrences: Mapped[int] = mapped_column(default=1)
    conversation_id: Mapped[str | None] = mapped_column(String(255), index=True)  # cleared by purge
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    undone_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    author: Mapped[Staff | None] = relationship(foreign_keys=[created_by], lazy="joined")


class ModelRelease(Base):
    """A trained model, how it was evaluated, and whether it went live (`make train`)."""

    __tablename__ = "model_release"
    __table_args__ = (CheckConstraint(_in("status", RELEASE_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_id: Mapped[str] = mapped_column(String(64), unique=True)  # Rasa's, as GET /status reports it
    trained_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    inputs_fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    # JSON: {"<lang>": [right, total]} on held-out messages and on conversation tests.
    holdout: Mapped[str] = mapped_column(Text, default="{}")
    conversations: Mapped[str] = mapped_column(Text, default="{}")
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
