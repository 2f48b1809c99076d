"""Staff accounts: argon2 hashes, login rules, no default account, every change audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.tickets.models import Staff
from bot.tickets.service import Desk

PASSWORD = "correct horse battery staple"


def test_there_is_no_default_account(desk: Desk) -> None:
    assert desk.list_staff() == []
    assert desk.authenticate("admin@localhost", "admin") is None


def test_add_and_authenticate(desk: Desk) -> None:
    admin = desk.add_staff(" Admin@Example.BE ", PASSWORD, "admin")
    assert (admin.email, admin.role, admin.active) == ("admin@example.be", "admin", True)
    assert desk.authenticate("ADMIN@example.be", PASSWORD) == admin
    assert desk.authenticate("admin@example.be", PASSWORD + "!") is None
    assert desk.authenticate("nobody@example.be", PASSWORD) is None
    assert desk.authenticate("not an address", PASSWORD) is None
    assert desk.get_staff(admin.id) == admin and desk.get_staff(9999) is None
    assert desk.find_staff("admin@EXAMPLE.be") == admin


def test_password_is_stored_as_argon2id_only(desk: Desk) -> None:
    desk.add_staff("a@example.be", PASSWORD, "staff")
    with desk.engine.connect() as connection:
        stored = connection.scalar(select(Staff.password_hash))
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored


@pytest.mark.parametrize(
    ("email", "password", "role", "message"),
    [
        ("a@example.be", "too short", "staff", "at least 12"),
        ("a@example.be", PASSWORD, "root", "role"),
        ("not-an-address", PASSWORD, "staff", "e-mail"),
    ],
)
def test_bad_accounts_are_refused(desk: Desk, email: str, password: str, role: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        desk.add_staff(email, password, role)
    assert desk.list_staff() == []


def test_duplicate_account_is_refused(desk: Desk) -> None:
    desk.add_staff("a@example.be", PASSWORD, "staff")
    with pytest.raises(ValueError, match="already exists"):
        desk.add_staff("A@example.be", PASSWORD, "admin")


def test_disabled_account_cannot_log_in_or_act(desk: Desk) -> None:
    admin = desk.add_staff("admin@example.be", PASSWORD, "admin")
    staff = desk.add_staff("staff@example.be", PASSWORD, "staff", actor_id=admin.id)
    assert not desk.set_active(staff.id, False, actor_id=admin.id).active
    assert desk.authenticate("staff@example.be", PASSWORD) is None
    from tests.integration.tickets.test_intake import request

    ticket = desk.open_ticket(request("k"))
    with pytest.raises(ValueError, match="disabled"):
        desk.reply(ticket.reference, staff.id, "Bonjour")
    assert desk.set_active(staff.id, True, actor_id=admin.id).active
    assert desk.authenticate("staff@example.be", PASSWORD) is not None


def test_reset_password(desk: Desk) -> None:
    staff = desk.add_staff("staff@example.be", PASSWORD, "staff")
    with pytest.raises(ValueError, match="at least"):
        desk.reset_password(staff.id, "short", actor_id=None)
    desk.reset_password(staff.id, "another long passphrase", actor_id=None)
    assert desk.authenticate("staff@example.be", PASSWORD) is None
    assert desk.authenticate("staff@example.be", "another long passphrase") is not None
    with pytest.raises(LookupError):
        desk.reset_password(9999, "another long passphrase", actor_id=None)


def test_account_changes_and_console_events_are_audited(desk: Desk) -> None:
    admin = desk.add_staff("admin@example.be", PASSWORD, "admin")
    staff = desk.add_staff("staff@example.be", PASSWORD, "staff", actor_id=admin.id)
    desk.set_active(staff.id, False, actor_id=admin.id)
    desk.reset_password(staff.id, "another long passphrase", actor_id=admin.id)
    desk.record(admin.id, "login", "from the console")
    log = desk.audit_log()
    assert [entry.action for entry in log] == [
        "login",
        "password_reset",
        "staff_disabled",
        "staff_added",
        "staff_added",
    ]
    assert log[1].actor_email == "admin@example.be" and log[1].account_email == "staff@example.be"
    assert log[-1].actor_email is None  # created from the command line
    assert len(desk.audit_log(limit=2)) == 2


def test_unknown_actor_is_refused(desk: Desk) -> None:
    staff = desk.add_staff("staff@example.be", PASSWORD, "staff")
    with pytest.raises(LookupError):
        desk.record(9999, "login", "")
    with pytest.raises(LookupError):
        desk.set_active(staff.id, False, actor_id=9999)
    with pytest.raises(LookupError):
        desk.add_staff("other@example.be", PASSWORD, "staff", actor_id=9999)
    assert desk.get_staff(staff.id) == staff
