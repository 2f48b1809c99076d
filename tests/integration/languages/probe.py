"""Run with BOT_DATA_DIR set (tests/integration/languages/test_third_language.py): what the
assistant, the page, the console and the tickets do with the languages of that data folder.
Prints one JSON object; the test asserts on it. Real parts: bot.web's app on a loopback
server, a SQLite tickets database, the answer and mail code."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sys
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.answers import Question, answer
from bot.language import detect
from bot.language.languages import DEFAULT, SUPPORTED
from bot.language.reply import reply_language
from bot.mail.render import render_reply_email
from bot.tickets.db import make_engine, upgrade
from bot.tickets.intake import TicketRequest
from bot.tickets.service import Desk
from bot.web.app import create_app
from bot.web.settings import WebSettings

PASSWORD = "a long enough password"


async def _web(database_url: str, lang: str, reference: str) -> dict[str, Any]:
    settings = WebSettings(rasa_url="http://127.0.0.1:9", database_url=database_url)
    async with TestClient(TestServer(create_app(settings))) as client:
        page = await (await client.get(f"/{lang}/")).text()
        root = await client.get("/", headers={"Accept-Language": f"de, {lang};q=0.9, fr;q=0.5"}, allow_redirects=False)
        accept = {"Accept-Language": lang}
        login = await (await client.get("/staff/login", headers=accept)).text()
        token = login.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        form = {"csrf_token": token, "email": "agent@example.org", "password": PASSWORD}
        await client.post("/staff/login", data=form, headers=accept)
        ticket = await (await client.get(f"/staff/tickets/{reference}", headers=accept)).text()
        return {"page": page, "root": root.headers.get("Location"), "login": login, "ticket_page": ticket}


def main(lang: str, database_url: str) -> None:
    today = dt.date(2016, 6, 1)
    found = detect("Hello, what is the budget of this call please?")
    upgrade(database_url)
    desk = Desk(make_engine(database_url))
    agent = desk.add_staff("agent@example.org", PASSWORD, "staff")
    request = TicketRequest("probe:1", "probe", lang, "Is there a maximum per project?", "ann@example.org", "email")
    ticket = desk.open_ticket(request)
    reply = desk.reply(ticket.reference, agent.id, "No maximum is set.")
    detail = desk.detail(ticket.reference)
    assert detail is not None
    mail = render_reply_email(detail.ticket, reply, sender="call@example.org")
    result = {
        "supported": list(SUPPORTED),
        "default": DEFAULT,
        "detected": found.language,
        "reply_language": reply_language({"language": {"detected": found.language}}),
        "budget": answer(Question("ask_budget", "budget?", lang, today)).text,
        "deadline": answer(Question("ask_deadline", "deadline?", lang, today)).text,
        "ticket_language": detail.ticket.language,
        "reference": ticket.reference,
        "mail_subject": str(mail["Subject"]),
        **asyncio.run(_web(database_url, lang, ticket.reference)),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
