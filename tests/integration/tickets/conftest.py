"""Real databases for the ticket tests: a SQLite file and a temporary PostgreSQL database.

Every database test runs on both backends. PostgreSQL is the machine's (127.0.0.1:5432,
trust authentication); a uniquely named database is created for the session and dropped
after. Without PostgreSQL the tests are skipped locally but FAIL in CI (CI=true).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.tickets.db import make_engine, upgrade
from bot.tickets.models import Base
from bot.tickets.service import Desk
from tests.integration.tickets.helpers import FakeClock, postgres_database


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The session's PostgreSQL database, at the latest schema."""
    with postgres_database() as url:
        upgrade(url)
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An upgraded, empty database on each backend."""
    if request.param == "sqlite":
        sqlite_url = f"sqlite:///{tmp_path / 'tickets.db'}"
        upgrade(sqlite_url)
        return sqlite_url
    url: str = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    with engine.begin() as connection:  # empty the tables the previous test filled
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()
    return url


@pytest.fixture
def clock() -> FakeClock:
    """The desk's clock."""
    return FakeClock()


@pytest.fixture
def make_desk(tmp_path: Path, clock: FakeClock) -> Iterator[Callable[..., Desk]]:
    """Builds desks (closed at the end), sharing one spool folder by default."""
    desks: list[Desk] = []

    def build(url: str, spool_dir: Path | None = None) -> Desk:
        desk = Desk(make_engine(url), spool_dir or tmp_path / "spool", clock=clock)
        desks.append(desk)
        return desk

    yield build
    for desk in desks:
        desk.dispose()


@pytest.fixture
def desk(database_url: str, make_desk: Callable[..., Desk]) -> Desk:
    """A desk on an empty database of each backend."""
    return make_desk(database_url)
