"""What maintainers learn from: the maintainer role, feedback, annotations, model releases.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.tickets.models import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ROLES_BEFORE = "role IN ('staff', 'admin')"
ROLES_AFTER = "role IN ('staff', 'maintainer', 'admin')"
RELEASE_STATUSES = "status IN ('candidate', 'live', 'previous', 'retired', 'refused')"


def _roles(check: str) -> None:
    # SQLite cannot alter a CHECK constraint: batch mode copies the table.
    with op.batch_alter_table("staff") as batch:
        batch.drop_constraint(op.f("ck_staff_role"), type_="check")
        batch.create_check_constraint(op.f("ck_staff_role"), check)


def upgrade() -> None:
    """Allow the maintainer role; create feedback, annotation and model_release."""
    _roles(ROLES_AFTER)
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("intent", sa.String(64), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("question", sa.Text(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("event_timestamp", sa.Float(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("conversation_id", "message_id", name=op.f("uq_feedback_conversation_id")),
    )
    op.create_index("ix_feedback_created_at", "feedback", ["created_at"])
    op.create_table(
        "annotation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_key", sa.String(255), nullable=False),
        sa.Column("intent", sa.String(64), nullable=False),
        sa.Column("predicted_intent", sa.String(64), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("occurrences", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("undone_by", sa.Integer(), nullable=True),
        sa.Column("undone_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["staff.id"], name=op.f("fk_annotation_created_by_staff")),
        sa.ForeignKeyConstraint(["undone_by"], ["staff.id"], name=op.f("fk_annotation_undone_by_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annotation")),
    )
    op.create_index("ix_annotation_language_text_key", "annotation", ["language", "text_key"])
    op.create_index(op.f("ix_annotation_conversation_id"), "annotation", ["conversation_id"])
    op.create_table(
        "model_release",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.String(64), nullable=False),
        sa.Column("trained_at", UtcDateTime(), nullable=True),
        sa.Column("inputs_fingerprint", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("holdout", sa.Text(), nullable=False),
        sa.Column("conversations", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("decided_at", UtcDateTime(), nullable=True),
        sa.CheckConstraint(RELEASE_STATUSES, name=op.f("ck_model_release_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_model_release")),
        sa.UniqueConstraint("model_id", name=op.f("uq_model_release_model_id")),
    )


def downgrade() -> None:
    """Drop the three tables; maintainers become staff again."""
    for table in ("model_release", "annotation", "feedback"):
        op.drop_table(table)
    op.execute("UPDATE staff SET role = 'staff' WHERE role = 'maintainer'")
    _roles(ROLES_BEFORE)
