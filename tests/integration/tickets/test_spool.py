"""Database down: requests are spooled with their reference, then flushed without duplicates."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.tickets.models import Ticket
from bot.tickets.service import Desk
from tests.integration.tickets.test_intake import request
from tests.ports import free_port


@pytest.fixture(params=["sqlite-missing-dir", "postgresql-closed-port"])
def down_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL that cannot be reached."""
    if request.param == "sqlite-missing-dir":
        readonly = tmp_path / "readonly"
        readonly.mkdir(mode=0o500)
        return f"sqlite:///{readonly / 'missing' / 'tickets.db'}"
    return f"postgresql+psycopg2://postgres@127.0.0.1:{free_port()}/test"


def _count(desk: Desk) -> int:
    with desk.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Ticket)) or 0)


def test_spooled_tickets_keep_their_reference_and_are_flushed_once(
    down_url: str, database_url: str, make_desk: Callable[..., Desk], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    down = make_desk(down_url)
    pending = [down.open_ticket(request(f"k{n}", conversation="c")) for n in range(3)]
    assert "spooled" in caplog.text
    assert "demandeur@example.be" not in caplog.text and "montant" not in caplog.text  # no personal data
    assert all(view.pending and view.status == "open" for view in pending)
    assert down.open_ticket(request("k0", conversation="c")) == pending[0]  # repeat: same reference
    assert down.find(pending[1].reference.lower()) == pending[1]
    assert [view.reference for view in down.for_conversation("c")] == [view.reference for view in pending]
    assert len(list((tmp_path / "spool").glob("*.json"))) == 3
    assert down.flush_spool() == 0  # still down: nothing lost, nothing moved

    up = make_desk(database_url)
    assert up.flush_spool() == 3
    assert up.flush_spool() == 0
    assert _count(up) == 3
    for view in pending:
        stored = up.find(view.reference)
        assert stored is not None and not stored.pending
        assert (stored.question, stored.contact_email, stored.created_at) == (
            view.question,
            view.contact_email,
            view.created_at,
        )
    # The applicant's action retried after the database came back: still the same ticket.
    assert up.open_ticket(request("k2", conversation="c")).reference == pending[2].reference
    assert _count(up) == 3
    assert not list((tmp_path / "spool").glob("*.json"))


def test_open_ticket_flushes_the_spool_first(down_url: str, database_url: str, make_desk: Callable[..., Desk]) -> None:
    spooled = make_desk(down_url).open_ticket(request("early"))
    up = make_desk(database_url)
    fresh = up.open_ticket(request("later"))
    assert not fresh.pending
    assert [view.reference for view in up.queue()] == [spooled.reference, fresh.reference]


def test_concurrent_repeats_while_down_share_one_reference(down_url: str, make_desk: Callable[..., Desk]) -> None:
    down = make_desk(down_url)
    barrier = threading.Barrier(10)

    def attempt(_: int) -> str:
        barrier.wait()
        return down.open_ticket(request("same-key")).reference

    with ThreadPoolExecutor(max_workers=10) as pool:
        references = set(pool.map(attempt, range(10)))
    assert len(references) == 1


def test_spool_survives_a_new_process(down_url: str, database_url: str, tmp_path: Path) -> None:
    from bot.tickets.db import make_engine

    down = Desk(make_engine(down_url), tmp_path / "spool")
    reference = down.open_ticket(request("k")).reference
    down.dispose()
    up = Desk(make_engine(database_url), tmp_path / "spool")  # as after a restart
    try:
        assert up.flush_spool() == 1
        found = up.find(reference)
        assert found is not None and not found.pending
    finally:
        up.dispose()
