"""Alembic environment: runs on the engine handed over by `bot.tickets.db.upgrade`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from bot.tickets.db import make_engine
from bot.tickets.models import Base

config = context.config


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if isinstance(engine, Engine):
        return engine
    # Run by the `alembic` command itself (e.g. `alembic revision --autogenerate`).
    from bot.tickets.db import database_url_from_env

    return make_engine(config.get_main_option("sqlalchemy.url") or database_url_from_env())


def run_migrations_online() -> None:
    """Run the migrations in one transaction (SQLite: batch mode for ALTERs)."""
    engine = _engine()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
