"""Engines and schema upgrades for the ticket database (SQLite by default, PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from bot.paths import PROJECT_ROOT
from bot.settings import bot_settings

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15_000
PG_CONNECT_TIMEOUT_S = 5


def database_url_from_env() -> str:
    """DATABASE_URL, or the embedded SQLite file `<project>/var/bot.db` (its folder is created)."""
    url = bot_settings().database_url
    if url:
        return url
    var = PROJECT_ROOT / "var"
    var.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{var / 'bot.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers run beside the writer,
    # and the busy timeout makes concurrent writers wait instead of failing.
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`, with connections checked before use.

    Args:
        url: A SQLAlchemy URL, e.g. ``sqlite:///var/bot.db`` or ``postgresql://u@host/db``.

    Returns:
        The engine. For SQLite: foreign keys on, WAL journal, busy timeout.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed,
            pool_pre_ping=True,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        # An unreachable host must fail fast so that tickets are spooled, not stuck.
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    return create_engine(
        parsed, pool_pre_ping=True, pool_size=5, max_overflow=10, pool_timeout=30, connect_args=connect_args
    )


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration that runs the migrations on `engine` (no alembic.ini needed)."""
    from alembic.config import Config  # imported here: only upgrades need Alembic

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(url: str) -> None:
    """Bring the database at `url` to the latest schema (``alembic upgrade head``)."""
    from alembic import command

    engine = make_engine(url)
    try:
        command.upgrade(alembic_config(engine), "head")
    finally:
        engine.dispose()
