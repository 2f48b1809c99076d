"""Staff work on tickets: queue, assignment, notes, replies, closing; all audited."""

from __future__ import annotations

import pytest

from bot.tickets.service import Desk
from bot.tickets.views import StaffView
from tests.integration.tickets.helpers import FakeClock
from tests.integration.tickets.test_intake import request

PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff(desk: Desk) -> StaffView:
    """An active staff account."""
    return desk.add_staff("agent@example.be", PASSWORD, "staff")


def test_queue_filters_and_orders_oldest_first(desk: Desk, staff: StaffView, clock: FakeClock) -> None:
    first = desk.open_ticket(request("k1", language="nl"))
    clock.advance(minutes=5)
    second = desk.open_ticket(request("k2"))
    clock.advance(minutes=5)
    third = desk.open_ticket(request("k3"))
    desk.assign(third.reference, staff.id)
    desk.reply(second.reference, staff.id, "Voici la réponse.")
    assert [t.reference for t in desk.queue()] == [first.reference, second.reference, third.reference]
    assert [t.reference for t in desk.queue(status="open")] == [first.reference, third.reference]
    assert [t.reference for t in desk.queue(language="nl")] == [first.reference]
    assert [t.reference for t in desk.queue(assignee_id=staff.id)] == [third.reference]
    assert desk.counts() == {"open": 2, "answered": 1, "closed": 0}
    with pytest.raises(ValueError, match="status"):
        desk.queue(status="pending")


def test_full_life_of_a_ticket(desk: Desk, staff: StaffView, clock: FakeClock) -> None:
    ticket = desk.open_ticket(request("k1"))
    clock.advance(minutes=1)
    assigned = desk.assign(ticket.reference, staff.id)
    assert (assigned.assignee_email, assigned.assignee_id) == ("agent@example.be", staff.id)
    assert assigned.updated_at > ticket.updated_at
    note = desk.add_note(ticket.reference, staff.id, "  Vérifier avec le service juridique.  ")
    assert note.text == "Vérifier avec le service juridique." and note.author_email == "agent@example.be"
    reply = desk.reply(ticket.reference.lower(), staff.id, "Le texte ne fixe pas de maximum.")
    assert (reply.delivery_status, reply.delivery_attempts) == ("pending", 0)
    closed = desk.close(ticket.reference, staff.id)
    assert closed.status == "closed" and closed.closed_at == clock()

    detail = desk.detail(ticket.reference)
    assert detail is not None
    assert detail.ticket == closed
    assert detail.replies == [reply] and detail.notes == [note]
    assert [entry.action for entry in detail.audit] == [
        "ticket_opened",
        "ticket_assigned",
        "note_added",
        "reply_sent",
        "ticket_closed",
    ]
    assert all(entry.ticket_reference == ticket.reference for entry in detail.audit)
    assert desk.detail("NT-00000000") is None


def test_chat_reply_needs_no_delivery(desk: Desk, staff: StaffView) -> None:
    ticket = desk.open_ticket(request("k1", contact_email=None, reply_channel="chat"))
    assert desk.reply(ticket.reference, staff.id, "Réponse").delivery_status == "not_needed"
    assert desk.pending_deliveries() == []


def test_bad_input_gives_clear_errors(desk: Desk, staff: StaffView) -> None:
    ticket = desk.open_ticket(request("k1"))
    with pytest.raises(LookupError, match="no ticket"):
        desk.reply("NT-00000000", staff.id, "x")
    with pytest.raises(LookupError, match="no staff account"):
        desk.assign(ticket.reference, 9999)
    with pytest.raises(ValueError, match="empty"):
        desk.add_note(ticket.reference, staff.id, "   ")
    desk.close(ticket.reference, staff.id)
    with pytest.raises(ValueError, match="closed"):
        desk.reply(ticket.reference, staff.id, "trop tard")
    with pytest.raises(ValueError, match="already closed"):
        desk.close(ticket.reference, staff.id)


def test_assign_by_someone_else_records_both(desk: Desk, staff: StaffView) -> None:
    admin = desk.add_staff("admin@example.be", PASSWORD, "admin")
    ticket = desk.open_ticket(request("k1"))
    desk.assign(ticket.reference, staff.id, actor_id=admin.id)
    entry = desk.audit_log(limit=1)[0]
    assert (entry.action, entry.actor_email, entry.account_email) == (
        "ticket_assigned",
        "admin@example.be",
        "agent@example.be",
    )


def test_record_console_event_on_a_ticket(desk: Desk, staff: StaffView) -> None:
    ticket = desk.open_ticket(request("k1"))
    desk.record(staff.id, "transcript_viewed", "", reference=ticket.reference)
    assert desk.audit_log(limit=1)[0].ticket_reference == ticket.reference
    with pytest.raises(LookupError):
        desk.record(staff.id, "transcript_viewed", "", reference="NT-00000000")
