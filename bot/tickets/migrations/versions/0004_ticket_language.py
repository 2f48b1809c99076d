"""Tickets in any supported language: the CHECK ('fr', 'nl') on ticket.language goes.

The languages are data (bot.language.languages: the knowledge files present), so the
database no longer lists them; bot.tickets.validation checks a ticket's language.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BEFORE = "language IN ('fr', 'nl')"


def upgrade() -> None:
    """Drop the ticket language CHECK constraint."""
    # SQLite cannot alter a CHECK constraint: batch mode copies the table.
    with op.batch_alter_table("ticket") as batch:
        batch.drop_constraint(op.f("ck_ticket_language"), type_="check")


def downgrade() -> None:
    """Put the ticket language CHECK constraint back (fails if other languages are stored)."""
    with op.batch_alter_table("ticket") as batch:
        batch.create_check_constraint(op.f("ck_ticket_language"), BEFORE)
