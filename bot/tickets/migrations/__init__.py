"""The tickets database's Alembic migrations (`bot db upgrade`)."""
