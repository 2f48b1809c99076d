"""Login, logout and the audit entries they leave."""

from __future__ import annotations

from typing import Any

from bot.tickets.service import Desk
from tests.integration.web_staff.support import Browser


async def test_login_opens_the_queue_and_logout_closes_the_session(browser: Browser, agent: Any, desk: Desk) -> None:
    response = await browser.login("agent@example.org")
    assert response.status == 302
    assert response.headers["Location"] == "/staff/"
    status, body = await browser.get("/staff/")
    assert status == 200
    assert "agent@example.org" in body

    response = await browser.post("/staff/logout")
    assert response.status == 302
    assert response.headers["Location"] == "/staff/login"
    response = await browser.client.get("/staff/", allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"].startswith("/staff/login")

    actions = [entry.action for entry in desk.audit_log()]
    assert actions[:2] == ["logout", "login"]


async def test_wrong_password_is_refused_and_audited(browser: Browser, agent: Any, desk: Desk) -> None:
    response = await browser.login("agent@example.org", "not the password")
    assert response.status == 401
    assert "Adresse e-mail ou mot de passe incorrect" in await response.text()
    response = await browser.client.get("/staff/", allow_redirects=False)
    assert response.status == 302
    entry = desk.audit_log()[0]
    assert entry.action == "login_failed"
    assert entry.actor_email is None
    assert "agent@example.org" in entry.detail


async def test_unknown_and_disabled_accounts_cannot_log_in(
    browser: Browser, agent: Any, admin: Any, desk: Desk
) -> None:
    assert (await browser.login("nobody@example.org")).status == 401
    desk.set_active(agent.id, False, admin.id)
    assert (await browser.login("agent@example.org")).status == 401


async def test_login_goes_back_to_the_page_asked_for_but_never_elsewhere(browser: Browser, agent: Any) -> None:
    response = await browser.client.get("/staff/audit", allow_redirects=False)
    assert response.headers["Location"] == "/staff/login?next=/staff/audit"
    await browser.get("/staff/login?next=//evil.example/")
    response = await browser.post(
        "/staff/login", {"email": "agent@example.org", "password": "correct horse battery", "next": "//evil.example/"}
    )
    assert response.headers["Location"] == "/staff/"
    await browser.post("/staff/logout")
    await browser.get("/staff/login")
    response = await browser.post(
        "/staff/login",
        {"email": "agent@example.org", "password": "correct horse battery", "next": "/staff/?status=closed"},
    )
    assert response.headers["Location"] == "/staff/?status=closed"


async def test_interface_in_dutch_when_chosen(browser: Browser, agent: Any) -> None:
    _status, body = await browser.get("/staff/login?lang=nl")
    assert "Aanmelden personeel" in body
    await browser.post(
        "/staff/login", {"email": "agent@example.org", "password": "correct horse battery", "lang": "nl"}
    )
    _status, body = await browser.get("/staff/")
    assert "Te behandelen vragen" in body
    await browser.post("/staff/language", {"lang": "fr", "next": "/staff/"})
    _status, body = await browser.get("/staff/")
    assert "Questions à traiter" in body
