"""Helpers of the ticket integration tests: a movable clock, free ports, PostgreSQL databases."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import psycopg2
import pytest
from psycopg2 import sql

PG_HOST, PG_PORT = os.environ.get("TEST_PG_HOST", "127.0.0.1"), int(os.environ.get("TEST_PG_PORT", "5432"))
PG_USERS = ("postgres", "root")


class FakeClock:
    """A clock the tests move by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def _admin_connection() -> psycopg2.extensions.connection:
    errors = []
    for user in PG_USERS:
        try:
            connection = psycopg2.connect(host=PG_HOST, port=PG_PORT, user=user, dbname="test", connect_timeout=5)
        except psycopg2.OperationalError as error:
            errors.append(f"{user}: {str(error).strip()}")
            continue
        connection.autocommit = True
        return connection
    message = f"PostgreSQL unreachable at {PG_HOST}:{PG_PORT} ({'; '.join(errors)})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty, uniquely named database; dropped (connections and all) afterwards."""
    admin = _admin_connection()
    name = f"bot_test_{os.getpid()}_{secrets.token_hex(4)}"
    user = admin.info.user
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        yield f"postgresql+psycopg2://{user}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()
