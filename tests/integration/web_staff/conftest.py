"""Fixtures of the staff console tests: real databases, a real SMTP server, a Rasa stand-in.

The Rasa stand-in is a tiny aiohttp server on loopback serving a tracker and recording the
events posted to it; the test with the real Rasa server is in tests/e2e.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from aiosmtpd.controller import Controller

from bot.mail import SmtpMailer
from bot.tickets.db import make_engine, upgrade
from bot.tickets.service import Desk
from bot.web.settings import WebSettings
from tests.integration.web_staff.support import (
    PASSWORD,
    RASA_TOKEN,
    Browser,
    FakeRasa,
    Inbox,
    build_app,
)
from tests.ports import free_port


@pytest.fixture(autouse=True)
def _spool_in_tmp(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TICKET_SPOOL_DIR", str(tmp_path / "spool"))


@pytest.fixture
def database_url(tmp_path: Any) -> str:
    """A fresh SQLite file (the app upgrades it to head at startup)."""
    return f"sqlite:///{tmp_path / 'bot.db'}"


@pytest.fixture
def desk(database_url: str) -> Iterator[Desk]:
    """A Desk on the test database, for arranging data and checking results."""
    upgrade(database_url)
    engine = make_engine(database_url)
    yield Desk(engine)
    engine.dispose()


@pytest.fixture
def admin(desk: Desk) -> Any:
    return desk.add_staff("admin@example.org", PASSWORD, "admin")


@pytest.fixture
def agent(desk: Desk) -> Any:
    return desk.add_staff("agent@example.org", PASSWORD, "staff")


@pytest.fixture
def maintainer(desk: Desk) -> Any:
    return desk.add_staff("maintainer@example.org", PASSWORD, "maintainer")


# --- SMTP -------------------------------------------------------------------------------
@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, SmtpMailer]]:
    """A real SMTP server on loopback, and a mailer pointing at it."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, SmtpMailer("127.0.0.1", port, tls="off", timeout=5)
    controller.stop()


# --- Rasa stand-in ----------------------------------------------------------------------
@pytest.fixture
async def rasa() -> AsyncIterator[FakeRasa]:
    fake = FakeRasa()

    async def tracker(request: web.Request) -> web.Response:
        if request.query.get("token") != RASA_TOKEN:
            return web.json_response({"message": "unauthorized"}, status=401)
        sender = request.match_info["sender"]
        return web.json_response({"sender_id": sender, "events": fake.events.get(sender, [])})

    async def append(request: web.Request) -> web.Response:
        if request.query.get("token") != RASA_TOKEN:
            return web.json_response({"message": "unauthorized"}, status=401)
        sender = request.match_info["sender"]
        event = await request.json()
        fake.posted.append((sender, event))
        fake.events.setdefault(sender, []).append(event)
        return web.json_response({"sender_id": sender})

    async def status(request: web.Request) -> web.Response:
        if request.query.get("token") != RASA_TOKEN:
            return web.json_response({"message": "unauthorized"}, status=401)
        return web.json_response({"model_file": "current.tar.gz", "model_id": fake.model_id})

    app = web.Application()
    app.router.add_get("/status", status)
    app.router.add_get("/conversations/{sender}/tracker", tracker)
    app.router.add_post("/conversations/{sender}/tracker/events", append)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    fake.url = str(server.make_url("")).rstrip("/")
    yield fake
    await server.close()


# --- the console ------------------------------------------------------------------------
@pytest.fixture
def tracker_store_url(tmp_path: Any) -> str:
    """Rasa's tracker store for the insight and review pages (tests/support_tracker writes it)."""
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def settings(database_url: str, rasa: FakeRasa, tracker_store_url: str) -> WebSettings:
    return WebSettings(
        database_url=database_url, rasa_url=rasa.url, rasa_token=RASA_TOKEN, tracker_store_url=tracker_store_url
    )


@pytest.fixture
async def console(settings: WebSettings, smtp: tuple[Inbox, SmtpMailer]) -> AsyncIterator[TestClient[Any, Any]]:
    """A test client on the staff console."""
    client: TestClient[Any, Any] = TestClient(TestServer(build_app(settings, smtp[1]), host="127.0.0.1"))
    await client.start_server()
    yield client
    await client.close()


@pytest.fixture
def browser(console: TestClient[Any, Any]) -> Browser:
    return Browser(console)
