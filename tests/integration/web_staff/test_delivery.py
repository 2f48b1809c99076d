"""Reply e-mails: a failed send shows on the ticket and in the queue, and can be retried."""

from __future__ import annotations

import asyncio
from email.message import EmailMessage
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.mail import Mailer, SmtpMailer
from bot.tickets.service import Desk, TicketRequest
from bot.tickets.views import TicketDetail
from bot.web.settings import WebSettings
from bot.web.staff.config import StaffConfig
from tests.integration.web_staff.support import Browser, Inbox, build_app, settle
from tests.ports import free_port


class Relay:
    """A mailer whose SMTP server can be changed, as when the real one comes back."""

    def __init__(self, target: Mailer) -> None:
        self.target = target

    def send(self, message: EmailMessage) -> None:
        self.target.send(message)


def detail(desk: Desk, reference: str) -> TicketDetail:
    found = desk.detail(reference)
    assert found is not None, reference
    return found


def email_ticket(desk: Desk, key: str) -> str:
    request = TicketRequest(key, f"conv-{key}", "nl", "Wanneer hoor ik iets?", "aanvrager@example.org", "email")
    return desk.open_ticket(request).reference


async def test_failed_send_is_shown_and_retried(
    settings: WebSettings, smtp: tuple[Inbox, SmtpMailer], agent: Any, desk: Desk
) -> None:
    relay = Relay(SmtpMailer("127.0.0.1", free_port(), tls="off", timeout=5))  # nothing listens there
    client: TestClient[Any, Any] = TestClient(TestServer(build_app(settings, relay), host="127.0.0.1"))
    await client.start_server()
    try:
        reference = email_ticket(desk, "fail")
        browser = Browser(client)
        await browser.login("agent@example.org")
        base = f"/staff/tickets/{reference}"
        await browser.get(base)
        await browser.post(f"{base}/replies", {"text": "U hoort van ons binnen de week."})
        await settle(client)

        _status, body = await browser.get(base)
        assert "E-mail non envoyé" in body and "ConnectionRefusedError" in body
        assert "Réessayer l&#39;envoi" in body
        _status, queue = await browser.get("/staff/?status=all")
        assert 'class="badge failed"' in queue

        relay.target = smtp[1]  # the mail server is back
        reply_id = detail(desk, reference).replies[0].id
        response = await browser.post(f"{base}/replies/{reply_id}/retry")
        assert response.status == 302
        await settle(client)
        assert len(smtp[0].messages) == 1
        _status, body = await browser.get(base)
        assert "E-mail envoyé" in body
        assert "badge failed" not in (await browser.get("/staff/?status=all"))[1]
        reply = detail(desk, reference).replies[0]
        assert (reply.delivery_status, reply.delivery_attempts) == ("sent", 2)
        actions = [e.action for e in detail(desk, reference).audit]
        assert actions.count("mail_failed") == 1 and "mail_retry_requested" in actions and "mail_sent" in actions
    finally:
        await client.close()


async def test_pending_replies_are_sent_by_the_periodic_task(
    settings: WebSettings, smtp: tuple[Inbox, SmtpMailer], agent: Any, desk: Desk
) -> None:
    reference = email_ticket(desk, "periodic")
    desk.reply(reference, agent.id, "Antwoord gegeven buiten de console.")  # pending, nobody sends it
    app = build_app(settings, smtp[1], StaffConfig(mail_retry_seconds=0.1))
    client: TestClient[Any, Any] = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    try:
        for _ in range(200):  # sent, then recorded as sent (in a worker thread): wait for both
            if detail(desk, reference).replies[0].delivery_status == "sent":
                break
            await asyncio.sleep(0.05)
        assert len(smtp[0].messages) == 1
    finally:
        await client.close()
    assert detail(desk, reference).replies[0].delivery_status == "sent"


async def test_reply_without_address_needs_no_mail(browser: Browser, agent: Any, desk: Desk, smtp: Any) -> None:
    reference = desk.open_ticket(TicketRequest("chat", "conv-chat", "fr", "Question ?", None, "chat")).reference
    await browser.login("agent@example.org")
    await browser.get(f"/staff/tickets/{reference}")
    await browser.post(f"/staff/tickets/{reference}/replies", {"text": "Voici la réponse."})
    await settle(browser.client)
    _status, body = await browser.get(f"/staff/tickets/{reference}")
    assert "Pas d&#39;e-mail (réponse dans la conversation)" in body
    assert smtp[0].messages == []
