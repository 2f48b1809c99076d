"""The cluster's PostgreSQL databases: created when missing, the tickets schema brought
up to date once (two bot.web starting together would both try)."""

from __future__ import annotations

import logging

from sqlalchemy.engine import make_url

from bot.tickets.db import upgrade


def ensure_database(url: str) -> None:
    """CREATE DATABASE for a PostgreSQL URL whose database does not exist yet."""
    import psycopg2
    from psycopg2 import sql

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or not parsed.database:
        return
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
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (parsed.database,))
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(parsed.database)))
    finally:
        admin.close()


def prepare(tracker_store_url: str, database_url: str) -> None:
    ensure_database(tracker_store_url)
    ensure_database(database_url)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its steps are not news at every start
    upgrade(database_url)
