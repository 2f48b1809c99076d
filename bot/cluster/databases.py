"""The cluster's PostgreSQL databases: created when missing, the tickets schema brought
up to date once (two bot.web starting together would both try)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg2
from psycopg2 import sql
from sqlalchemy.engine import make_url

from bot.tickets.db import upgrade


@contextmanager
def _administration(url: str) -> Iterator[tuple[Any, str]]:
    """A cursor on the server's `postgres` database (autocommit) and the URL's database name."""
    parsed = make_url(url)
    admin = psycopg2.connect(
        host=parsed.host or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
        connect_timeout=5,
    )
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            yield cursor, str(parsed.database)
    finally:
        admin.close()


def _is_postgres(url: str) -> bool:
    parsed = make_url(url)
    return parsed.get_backend_name() == "postgresql" and bool(parsed.database)


def ensure_database(url: str) -> None:
    """CREATE DATABASE for a PostgreSQL URL whose database does not exist yet."""
    if not _is_postgres(url):
        return
    with _administration(url) as (cursor, name):
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url: str) -> None:
    """DROP DATABASE (connections and all) for a PostgreSQL URL: a benchmark's own."""
    if _is_postgres(url):
        with _administration(url) as (cursor, name):
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def prepare(tracker_store_url: str, database_url: str) -> None:
    """Creates the shared tracker and tickets databases when missing."""
    ensure_database(tracker_store_url)
    ensure_database(database_url)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its steps are not news at every start
    upgrade(database_url)
