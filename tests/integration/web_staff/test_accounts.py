"""Account management and the audit log, for administrators only."""

from __future__ import annotations

import re
from typing import Any

from aiohttp.test_utils import TestClient

from bot.tickets.service import Desk
from tests.integration.web_staff.support import PASSWORD, Browser


async def test_staff_cannot_see_accounts_or_audit(browser: Browser, agent: Any) -> None:
    await browser.login("agent@example.org")
    _status, body = await browser.get("/staff/")
    assert "/staff/accounts" not in body and "/staff/audit" not in body
    assert (await browser.get("/staff/accounts"))[0] == 403
    assert (await browser.get("/staff/audit"))[0] == 403
    response = await browser.post("/staff/accounts", {"email": "x@example.org", "password": PASSWORD, "role": "admin"})
    assert response.status == 403


async def test_admin_creates_disables_enables_and_resets(
    browser: Browser, admin: Any, desk: Desk, console: Any
) -> None:
    await browser.login("admin@example.org")
    await browser.get("/staff/accounts")
    await browser.post("/staff/accounts", {"email": "New@Example.org", "password": PASSWORD, "role": "staff"})
    _status, body = await browser.get("/staff/accounts")
    assert "Compte créé." in body and "new@example.org" in body
    new = desk.find_staff("new@example.org")
    assert new is not None and new.role == "staff" and new.active

    # The new account works, in its own browser (own cookie jar, same server).
    other = Browser(TestClient(console.server))
    assert (await other.login("new@example.org")).status == 302

    await browser.post(f"/staff/accounts/{new.id}/active", {"active": "0"})
    account = desk.get_staff(new.id)
    assert account is not None and not account.active
    assert (await other.client.get("/staff/", allow_redirects=False)).status == 302
    await other.client.session.close()

    await browser.post(f"/staff/accounts/{new.id}/active", {"active": "1"})
    await browser.post(f"/staff/accounts/{new.id}/password", {"password": "another long password"})
    assert desk.authenticate("new@example.org", PASSWORD) is None
    assert desk.authenticate("new@example.org", "another long password") is not None

    await browser.post(f"/staff/accounts/{new.id}/password", {"password": "short"})
    assert "Action refusée" in (await browser.get("/staff/accounts"))[1]
    await browser.post("/staff/accounts", {"email": "new@example.org", "password": PASSWORD, "role": "staff"})
    assert "Action refusée" in (await browser.get("/staff/accounts"))[1]
    await browser.post(f"/staff/accounts/{admin.id}/active", {"active": "0"})
    assert "propre compte" in (await browser.get("/staff/accounts"))[1]
    account = desk.get_staff(admin.id)
    assert account is not None and account.active

    _status, audit = await browser.get("/staff/audit")
    actions = re.findall(r'<td class="action">([^<]+)</td>', audit)
    for action in ("staff_added", "login", "staff_disabled", "staff_enabled", "password_reset"):
        assert action in actions
    about_new = [e for e in desk.audit_log() if e.account_email == "new@example.org"]
    assert {e.action for e in about_new} == {"staff_added", "staff_disabled", "staff_enabled", "password_reset"}
    assert all(e.actor_email == "admin@example.org" for e in about_new)
