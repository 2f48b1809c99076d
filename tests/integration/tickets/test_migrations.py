"""Alembic migrations: `upgrade head` builds exactly the models' schema, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from bot.tickets.db import alembic_config, make_engine, upgrade
from bot.tickets.models import Base
from tests.integration.tickets.helpers import postgres_database

TABLES = {"staff", "ticket", "reply", "note", "audit", "feedback", "annotation", "model_release", "alembic_version"}


def _check_round_trip(url: str) -> None:
    upgrade(url)
    upgrade(url)  # a second run is a no-op
    engine = make_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) == TABLES
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert context.get_current_revision() == "0004"
        command.downgrade(alembic_config(engine), "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()
    upgrade(url)


def test_upgrade_head_on_sqlite(tmp_path: Path) -> None:
    _check_round_trip(f"sqlite:///{tmp_path / 'fresh.db'}")


def test_upgrade_head_on_postgresql() -> None:
    with postgres_database() as url:
        _check_round_trip(url)


_TICKET = (
    "INSERT INTO ticket (reference, idempotency_key, language, question, reply_channel, status, created_at, "
    "updated_at) VALUES (:ref, :ref, :lang, 'q', 'chat', 'open', '2026-12-01 10:00:00', '2026-12-01 10:00:00')"
)


def test_0004_lets_a_ticket_be_in_a_language_added_as_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'languages.db'}"
    engine = make_engine(url)
    try:
        command.upgrade(alembic_config(engine), "0003")
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(text(_TICKET), {"ref": "NT-AAAA0001", "lang": "de"})
        upgrade(url)
        with engine.begin() as connection:
            connection.execute(text(_TICKET), {"ref": "NT-AAAA0002", "lang": "de"})
            assert connection.execute(text("SELECT language FROM ticket")).scalars().all() == ["de"]
    finally:
        engine.dispose()


def test_sqlite_engine_enforces_foreign_keys_and_uses_wal(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            cursor = raw.cursor()
            assert cursor.execute("PRAGMA foreign_keys").fetchone() == (1,)
            assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    finally:
        engine.dispose()
