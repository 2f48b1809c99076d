"""Opening tickets: idempotent, concurrent-safe, found back by reference or conversation."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from bot.tickets.models import AuditEntry, Ticket
from bot.tickets.service import Desk, TicketRequest
from bot.tickets.views import TicketView
from tests.integration.tickets.helpers import FakeClock


def request(key: str, conversation: str = "conv-1", **changes: str | None) -> TicketRequest:
    """A valid request; `changes` override fields."""
    fields: dict[str, str | None] = {
        "idempotency_key": key,
        "conversation_id": conversation,
        "language": "fr",
        "question": "Quel est le montant maximum par projet ? Appelez-moi au 0470 12 34 56.",
        "contact_email": "demandeur@example.be",
        "reply_channel": "email",
    }
    fields.update(changes)
    return TicketRequest(**fields)  # type: ignore[arg-type]  # a test may give a field any value


def _ticket_count(desk: Desk) -> int:
    with desk.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Ticket)) or 0)


def test_open_ticket_stores_every_field(desk: Desk) -> None:
    view = desk.open_ticket(request("k1", language="nl", question="Mag een vzw meedoen?", reply_channel="chat"))
    assert view.reference.startswith("NT-") and not view.pending
    assert (view.language, view.status, view.reply_channel) == ("nl", "open", "chat")
    assert view.created_at.tzinfo is not None and view.created_at == desk.clock()
    assert desk.find(view.reference) == view
    assert [entry.action for entry in desk.audit_log()] == ["ticket_opened"]


def test_same_key_gives_the_same_ticket(desk: Desk) -> None:
    first = desk.open_ticket(request("k1"))
    again = desk.open_ticket(request("k1", question="a retried action, maybe reworded"))
    assert again == first
    assert _ticket_count(desk) == 1


def test_find_ignores_case_spaces_and_dashes(desk: Desk) -> None:
    view = desk.open_ticket(request("k1"))
    spoken = view.reference.lower().replace("-", " ")
    assert desk.find(spoken) == view
    assert desk.find("NT-00000000") is None
    assert desk.find("not a reference") is None


def test_for_conversation_lists_oldest_first(desk: Desk, clock: FakeClock) -> None:
    first = desk.open_ticket(request("k1"))
    clock.advance(minutes=1)
    second = desk.open_ticket(request("k2"))
    desk.open_ticket(request("k3", conversation="someone-else"))
    assert [view.reference for view in desk.for_conversation("conv-1")] == [first.reference, second.reference]
    assert desk.for_conversation("nobody") == []


def test_bad_request_raises_value_error_and_writes_nothing(desk: Desk) -> None:
    with pytest.raises(ValueError, match="language"):
        desk.open_ticket(request("k1", language="en"))
    assert _ticket_count(desk) == 0


def test_fifty_concurrent_calls_and_their_repeats_give_fifty_tickets(desk: Desk) -> None:
    keys = [f"conv-{n}:event-{n}" for n in range(50)]
    barrier = threading.Barrier(50)
    results: dict[str, set[str]] = {key: set() for key in keys}
    lock = threading.Lock()

    def worker(index: int) -> None:
        barrier.wait()
        # Each key is opened by two threads at once, then once more by a third.
        for key in (keys[index], keys[(index + 1) % 50], keys[(index + 7) % 50]):
            view = desk.open_ticket(request(key, conversation=f"conv-{index}"))
            with lock:
                results[key].add(view.reference)

    with ThreadPoolExecutor(max_workers=50) as pool:
        for future in [pool.submit(worker, index) for index in range(50)]:
            future.result(timeout=120)

    assert all(len(references) == 1 for references in results.values())
    assert len({reference for references in results.values() for reference in references}) == 50
    assert _ticket_count(desk) == 50
    assert desk.counts() == {"open": 50, "answered": 0, "closed": 0}
    with desk.engine.connect() as connection:
        opened = connection.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "ticket_opened")
        )
    assert opened == 50


def test_every_returned_view_is_frozen(desk: Desk) -> None:
    view: TicketView = desk.open_ticket(request("k1"))
    with pytest.raises(AttributeError):
        view.status = "closed"  # type: ignore[misc]  # what the test checks: frozen
