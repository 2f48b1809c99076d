"""The queue and the ticket page: filters, counts, transcript, assign, note, reply, close."""

from __future__ import annotations

import re
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.tickets.service import Desk, TicketRequest
from bot.web.keys import LIVE
from bot.web.settings import WebSettings
from tests.integration.web_staff.support import Browser, FakeRasa, Inbox, build_app, settle
from tests.ports import free_port

ROW = re.compile(r'<tr class="ticket" data-reference="([^"]+)"')


def open_ticket(desk: Desk, key: str, language: str = "fr", email: str | None = None, question: str = "") -> str:
    request = TicketRequest(
        key, f"conv-{key}", language, question or f"Question {key} ?", email, "email" if email else "chat"
    )
    return desk.open_ticket(request).reference


def count(body: str, status: str) -> int:
    match = re.search(rf'data-status="{status}">(\d+)<', body)
    assert match, status
    return int(match.group(1))


async def test_queue_oldest_first_with_filters_and_counts(browser: Browser, agent: Any, admin: Any, desk: Desk) -> None:
    first, second, third, fourth = (
        open_ticket(desk, k, lang) for k, lang in [("a", "fr"), ("b", "nl"), ("c", "nl"), ("d", "fr")]
    )
    desk.assign(second, agent.id)
    desk.assign(third, admin.id)
    desk.close(fourth, admin.id)
    desk.reply(first, admin.id, "Réponse.")
    await browser.login("agent@example.org")

    _status, body = await browser.get("/staff/")  # default: open tickets
    assert ROW.findall(body) == [second, third]
    assert (count(body, "open"), count(body, "answered"), count(body, "closed")) == (2, 1, 1)
    assert ROW.findall((await browser.get("/staff/?status=all"))[1]) == [first, second, third, fourth]
    assert ROW.findall((await browser.get("/staff/?status=closed"))[1]) == [fourth]
    assert ROW.findall((await browser.get("/staff/?status=all&language=nl"))[1]) == [second, third]
    assert ROW.findall((await browser.get("/staff/?status=open&assignee=me"))[1]) == [second]
    assert ROW.findall((await browser.get(f"/staff/?status=all&assignee={admin.id}"))[1]) == [third]
    assert ROW.findall((await browser.get("/staff/?status=bogus&language=xx"))[1]) == [first, second, third, fourth]


async def test_ticket_page_shows_language_and_transcript(
    browser: Browser, agent: Any, desk: Desk, rasa: FakeRasa
) -> None:
    reference = open_ticket(desk, "t1", "nl", question="Hoeveel per project?")
    rasa.events["conv-t1"] = [
        {"event": "action", "name": "action_listen", "timestamp": 1700000000.0},
        {"event": "user", "text": "Hallo, hoeveel per project?", "timestamp": 1700000001.0},
        {"event": "bot", "text": "De tekst zegt het niet.", "timestamp": 1700000002.0},
    ]
    await browser.login("agent@example.org")
    status, body = await browser.get(f"/staff/tickets/{reference}")
    assert status == 200
    assert "Répondre en néerlandais" in body
    assert "Hoeveel per project?" in body
    user, bot = body.index("Hallo, hoeveel per project?"), body.index("De tekst zegt het niet.")
    assert user < bot
    assert "2023-11-14 23:13" in body  # Brussels time of the user message
    assert "action_listen" not in body


async def test_ticket_page_works_when_rasa_is_down(settings: WebSettings, smtp: Any, agent: Any, desk: Desk) -> None:
    reference = open_ticket(desk, "down")
    down = WebSettings(database_url=settings.database_url, rasa_url=f"http://127.0.0.1:{free_port()}")
    client: TestClient[Any, Any] = TestClient(TestServer(build_app(down, smtp[1]), host="127.0.0.1"))
    await client.start_server()
    try:
        browser = Browser(client)
        await browser.login("agent@example.org")
        status, body = await browser.get(f"/staff/tickets/{reference}")
        assert status == 200
        assert "serveur Rasa injoignable" in body
        assert "Question down ?" in body
        response = await browser.post(f"/staff/tickets/{reference}/replies", {"text": "Bonjour."})
        assert response.status == 302
        _status, body = await browser.get(f"/staff/tickets/{reference}")
        assert "n&#39;a pas pu être ajoutée à la conversation" in body
        detail = desk.detail(reference)
        assert detail is not None and detail.replies[0].text == "Bonjour."
    finally:
        await client.close()


async def test_wrong_rasa_token_is_said_and_never_logged(
    settings: WebSettings, smtp: Any, agent: Any, desk: Desk, caplog: Any
) -> None:
    reference = open_ticket(desk, "token")
    wrong = WebSettings(database_url=settings.database_url, rasa_url=settings.rasa_url, rasa_token="leaky-secret")
    client: TestClient[Any, Any] = TestClient(TestServer(build_app(wrong, smtp[1]), host="127.0.0.1"))
    await client.start_server()
    try:
        browser = Browser(client)
        await browser.login("agent@example.org")
        _status, body = await browser.get(f"/staff/tickets/{reference}")
        assert "serveur Rasa injoignable" in body
    finally:
        await client.close()
    assert "HTTP 401" in caplog.text
    assert "leaky-secret" not in caplog.text


async def test_unknown_ticket_is_404(browser: Browser, agent: Any) -> None:
    await browser.login("agent@example.org")
    assert (await browser.get("/staff/tickets/PNT-NONE-0000"))[0] == 404


async def test_assign_note_reply_close(
    browser: Browser, agent: Any, desk: Desk, rasa: FakeRasa, smtp: tuple[Inbox, Any]
) -> None:
    reference = open_ticket(desk, "flow", "fr", email="applicant@example.org")
    page = browser.client.app[LIVE].subscribe("conv-flow")
    await browser.login("agent@example.org")
    base = f"/staff/tickets/{reference}"
    await browser.get(base)

    assert (await browser.post(f"{base}/assign")).status == 302
    assert (await browser.post(f"{base}/notes", {"text": "Demander à Hub.brussels"})).status == 302
    assert (await browser.post(f"{base}/replies", {"text": "Le plafond est de 50 000 €."})).status == 302
    await settle(browser.client)

    # The reply is in the applicant's conversation, on their open page, and in their mailbox.
    assert rasa.posted[0][0] == "conv-flow"
    event = rasa.posted[0][1]
    assert event["event"] == "bot" and event["text"] == "Le plafond est de 50 000 €."
    assert event["metadata"] == {"staff_reply": True, "reference": reference}
    assert isinstance(event["timestamp"], float)
    assert page.get_nowait() == {"type": "staff_reply", "text": "Le plafond est de 50 000 €.", "reference": reference}
    assert len(smtp[0].messages) == 1
    mail = smtp[0].messages[0]
    assert mail["To"] == "applicant@example.org"
    text = mail.get_body(("plain",))
    assert text is not None and "Le plafond est de 50 000 €." in text.get_content()
    assert reference in mail["Subject"]

    _status, body = await browser.get(base)
    assert "E-mail envoyé" in body
    assert '<li class="message staff">' in body  # the reply, read back from the conversation
    assert "Demander à Hub.brussels" in body
    assert "agent@example.org" in body
    assert "Réponse enregistrée." in body
    assert "Réponse enregistrée." not in (await browser.get(base))[1]  # a message shows once
    assert (await browser.post(f"{base}/close")).status == 302
    _status, body = await browser.get(base)
    assert "Cette question est clôturée." in body
    assert 'name="text" rows="6"' not in body  # no reply form on a closed ticket

    detail = desk.detail(reference)
    assert detail is not None
    assert detail.ticket.status == "closed" and detail.ticket.assignee_email == "agent@example.org"
    actions = [entry.action for entry in detail.audit]
    for action in ("ticket_assigned", "note_added", "reply_sent", "mail_sent", "ticket_closed"):
        assert action in actions
    assert all(e.actor_email == "agent@example.org" for e in detail.audit if e.action != "mail_sent" and e.actor_email)


async def test_empty_reply_and_closed_ticket_are_refused_with_a_message(
    browser: Browser, agent: Any, desk: Desk
) -> None:
    reference = open_ticket(desk, "refuse")
    await browser.login("agent@example.org")
    base = f"/staff/tickets/{reference}"
    await browser.get(base)
    await browser.post(f"{base}/replies", {"text": "   "})
    assert "Action refusée" in (await browser.get(base))[1]
    await browser.post(f"{base}/close")
    await browser.post(f"{base}/close")
    assert "Action refusée" in (await browser.get(base))[1]
    detail = desk.detail(reference)
    assert detail is not None and not detail.replies
