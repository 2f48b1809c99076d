"""The ticket desk: staff accounts, tickets, replies, notes and the audit log.

Revision ID: 0001
Revises:
Create Date: 2025-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.tickets.models import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the five tables."""
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("role IN ('staff', 'admin')", name=op.f("ck_staff_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_email")),
    )
    op.create_table(
        "ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("idempotency_key", sa.String(128), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=True),
        sa.Column("contact_email", sa.String(254), nullable=True),
        sa.Column("reply_channel", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.Column("purged_at", UtcDateTime(), nullable=True),
        sa.CheckConstraint("language IN ('fr', 'nl')", name=op.f("ck_ticket_language")),
        sa.CheckConstraint("reply_channel IN ('email', 'chat')", name=op.f("ck_ticket_reply_channel")),
        sa.CheckConstraint("status IN ('open', 'answered', 'closed')", name=op.f("ck_ticket_status")),
        sa.ForeignKeyConstraint(["assignee_id"], ["staff.id"], name=op.f("fk_ticket_assignee_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_ticket_idempotency_key")),
        sa.UniqueConstraint("reference", name=op.f("uq_ticket_reference")),
    )
    op.create_index(op.f("ix_ticket_conversation_id"), "ticket", ["conversation_id"])
    op.create_index("ix_ticket_status_created_at", "ticket", ["status", "created_at"])
    op.create_table(
        "reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("delivery_status", sa.String(16), nullable=False),
        sa.Column("delivery_attempts", sa.Integer(), nullable=False),
        sa.Column("delivery_error", sa.Text(), nullable=True),
        sa.Column("last_attempt_at", UtcDateTime(), nullable=True),
        sa.CheckConstraint(
            "delivery_status IN ('not_needed', 'pending', 'sent', 'failed')", name=op.f("ck_reply_delivery_status")
        ),
        sa.ForeignKeyConstraint(["author_id"], ["staff.id"], name=op.f("fk_reply_author_id_staff")),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_reply_ticket_id_ticket"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply")),
    )
    op.create_index(op.f("ix_reply_ticket_id"), "reply", ["ticket_id"])
    op.create_index(op.f("ix_reply_delivery_status"), "reply", ["delivery_status"])
    op.create_table(
        "note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["staff.id"], name=op.f("fk_note_author_id_staff")),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_note_ticket_id_ticket"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    op.create_index(op.f("ix_note_ticket_id"), "note", ["ticket_id"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["staff.id"], name=op.f("fk_audit_actor_id_staff")),
        sa.ForeignKeyConstraint(["account_id"], ["staff.id"], name=op.f("fk_audit_account_id_staff")),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"], name=op.f("fk_audit_ticket_id_ticket")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    op.create_index(op.f("ix_audit_at"), "audit", ["at"])
    op.create_index(op.f("ix_audit_ticket_id"), "audit", ["ticket_id"])


def downgrade() -> None:
    """Drop the five tables."""
    for table in ("audit", "note", "reply", "ticket", "staff"):
        op.drop_table(table)
