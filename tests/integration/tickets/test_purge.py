"""Purge: personal data of tickets closed long enough ago is removed, the rest stays."""

from __future__ import annotations

import pytest

from bot.tickets.service import Desk
from tests.integration.tickets.helpers import FakeClock
from tests.integration.tickets.test_intake import request

PASSWORD = "correct horse battery staple"


def test_purge_clears_contact_and_anonymises_texts(desk: Desk, clock: FakeClock) -> None:
    staff = desk.add_staff("agent@example.be", PASSWORD, "staff")
    old = desk.open_ticket(request("old"))
    desk.reply(old.reference, staff.id, "Écrivez à info@example.be ou appelez le 02 123 45 67.")
    desk.add_note(old.reference, staff.id, "Rappeler au +32 470 12 34 56")
    desk.close(old.reference, staff.id)
    recent = desk.open_ticket(request("recent", conversation="conv-2"))
    still_open = desk.open_ticket(request("open", conversation="conv-3"))
    clock.advance(days=20)
    desk.close(recent.reference, staff.id)
    clock.advance(days=11)  # old: closed 31 days ago, recent: 11 days ago

    assert desk.purge(30) == 1
    detail = desk.detail(old.reference)
    assert detail is not None
    purged = detail.ticket
    assert purged.contact_email is None and purged.conversation_id is None
    assert "0470" not in purged.question and "[phone]" in purged.question
    assert purged.question.startswith("Quel est le montant maximum")
    assert detail.replies[0].text == "Écrivez à [e-mail] ou appelez le [phone]."
    assert detail.notes[0].text == "Rappeler au [phone]"
    assert desk.for_conversation("conv-1") == []
    for kept in (recent, still_open):
        found = desk.find(kept.reference)
        assert found is not None and found.contact_email == "demandeur@example.be"
    # The reply could no longer be e-mailed: it leaves the delivery queue, with the reason.
    assert desk.pending_deliveries() == []
    assert detail.replies[0].delivery_error == "contact e-mail purged before delivery"

    entry = desk.audit_log(limit=1)[0]
    assert (entry.action, entry.actor_email) == ("purge", None) and "tickets=1" in entry.detail
    assert desk.purge(30) == 0  # already purged
    assert desk.purge(0) == 1  # the recent one, once its time has come


def test_negative_days_are_refused(desk: Desk) -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        desk.purge(-1)
