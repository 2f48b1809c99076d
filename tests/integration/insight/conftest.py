"""Insight and review on real databases: a tracker store and a tickets database, each on
SQLite and on the machine's PostgreSQL (temporary databases, dropped afterwards)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.tickets.db import make_engine, upgrade
from bot.tickets.service import Desk
from tests.integration.tickets.helpers import FakeClock, postgres_database
from tests.support_tracker import TrackerWriter


@pytest.fixture(params=["sqlite", "postgresql"])
def dialect(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def tracker_url(dialect: str, tmp_path: Path) -> Iterator[str]:
    if dialect == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
    else:
        with postgres_database() as url:
            yield url


@pytest.fixture
def tracker(tracker_url: str) -> Iterator[TrackerWriter]:
    writer = TrackerWriter.at(tracker_url)
    yield writer
    writer.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def desk(dialect: str, tmp_path: Path, clock: FakeClock) -> Iterator[Desk]:
    """The tickets database on the same backend as the tracker store."""
    if dialect == "sqlite":
        url = f"sqlite:///{tmp_path / 'bot.db'}"
        upgrade(url)
        desk = Desk(make_engine(url), tmp_path / "spool", clock=clock)
        yield desk
        desk.dispose()
        return
    with postgres_database() as url:
        upgrade(url)
        desk = Desk(make_engine(url), tmp_path / "spool", clock=clock)
        yield desk
        desk.dispose()
