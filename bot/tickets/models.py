"""The ticket tables (SQLAlchemy 2.0 declarative). Migrations: `bot/tickets/migrations/`.

Enumerations are strings with CHECK constraints rather than native enums: the same
schema on SQLite and PostgreSQL, and a new value is a one-line migration.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

LANGUAGES = ("fr", "nl")
REPLY_CHANNELS = ("email", "chat")
STATUSES = ("open", "answered", "closed")
ROLES = ("staff", "admin")
DELIVERY_STATUSES = ("not_needed", "pending", "sent", "failed")


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
        CheckConstraint(_in("language", LANGUAGES), name="language"),
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
    status: Mapped[str] = mapped_column(String(16), default="open")
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
