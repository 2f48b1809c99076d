"""Replies: claimed_at, so that concurrent senders never e-mail a reply twice.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.tickets.models import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add reply.claimed_at."""
    with op.batch_alter_table("reply") as batch:
        batch.add_column(sa.Column("claimed_at", UtcDateTime(), nullable=True))


def downgrade() -> None:
    """Drop reply.claimed_at."""
    with op.batch_alter_table("reply") as batch:
        batch.drop_column("claimed_at")
