"""The console on PostgreSQL (production's database): login, reply with e-mail, close.

A temporary database is created for the session and dropped after. Without a reachable
server the test is skipped on a developer's machine but fails in CI (CI=true).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import DDL, Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.tickets.db import make_engine, upgrade
from bot.tickets.service import Desk, TicketRequest
from bot.web.settings import WebSettings
from tests.integration.web_staff.support import (
    PASSWORD,
    POSTGRES_ADMIN_URL,
    RASA_TOKEN,
    Browser,
    FakeRasa,
    Inbox,
    build_app,
    settle,
)


def quoted(engine: Engine, name: str) -> str:
    """A database name quoted by the dialect (DDL takes no bound parameters)."""
    return engine.dialect.identifier_preparer.quote_identifier(name)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh database on the machine's PostgreSQL, dropped at the end of the session."""
    name = f"staff_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(DDL("CREATE DATABASE %(name)s", context={"name": quoted(admin, name)}))  # type: ignore[no-untyped-call]  # unannotated in SQLAlchemy
    except OperationalError as error:
        admin.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL unreachable at {POSTGRES_ADMIN_URL}: {error}")
        pytest.skip(f"PostgreSQL unreachable at {POSTGRES_ADMIN_URL}")
    yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(DDL("DROP DATABASE IF EXISTS %(name)s WITH (FORCE)", context={"name": quoted(admin, name)}))  # type: ignore[no-untyped-call]  # as above
    admin.dispose()


async def test_reply_flow_on_postgresql(postgres_url: str, rasa: FakeRasa, smtp: tuple[Inbox, Any]) -> None:
    upgrade(postgres_url)
    engine = make_engine(postgres_url)
    desk = Desk(engine)
    try:
        agent = desk.add_staff(f"pg-{uuid.uuid4().hex[:6]}@example.org", PASSWORD, "staff")
        request = TicketRequest(
            uuid.uuid4().hex, "conv-pg", "fr", "Question sur PostgreSQL ?", "a@example.org", "email"
        )
        reference = desk.open_ticket(request).reference
        settings = WebSettings(database_url=postgres_url, rasa_url=rasa.url, rasa_token=RASA_TOKEN)
        client: TestClient[Any, Any] = TestClient(TestServer(build_app(settings, smtp[1]), host="127.0.0.1"))
        await client.start_server()
        try:
            browser = Browser(client)
            assert (await browser.login(agent.email)).status == 302
            _status, body = await browser.get("/staff/")
            assert reference in body
            await browser.get(f"/staff/tickets/{reference}")
            await browser.post(f"/staff/tickets/{reference}/assign")
            await browser.post(f"/staff/tickets/{reference}/replies", {"text": "Réponse depuis PostgreSQL."})
            await settle(client)
            await browser.post(f"/staff/tickets/{reference}/close")
        finally:
            await client.close()
        detail = desk.detail(reference)
        assert detail is not None
        assert detail.ticket.status == "closed" and detail.ticket.assignee_email == agent.email
        assert detail.replies[0].delivery_status == "sent"
        assert len(smtp[0].messages) == 1 and rasa.posted[0][0] == "conv-pg"
        assert [e.action for e in desk.audit_log(5)][-1] == "login"
    finally:
        engine.dispose()
