"""bot.web without the tickets database: it starts, serves applicants, and the console says so."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.mail import SmtpMailer
from bot.web.app import create_app
from bot.web.settings import WebSettings
from bot.web.staff.config import StaffConfig
from tests.integration.web_staff.support import Browser, Inbox, build_app

UNREACHABLE_POSTGRES = "postgresql://postgres@127.0.0.1:1/bot"  # nothing listens on port 1


def blocked_sqlite(tmp_path: Path) -> tuple[str, Path]:
    """A SQLite URL under a path that is a file, not a folder: cannot be opened until removed."""
    blocker = tmp_path / "db"
    blocker.write_text("not a folder")
    return f"sqlite:///{blocker / 'bot.db'}", blocker


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
async def test_the_console_says_the_database_is_unavailable_in_the_staff_language(
    settings: WebSettings, smtp: tuple[Inbox, SmtpMailer], tmp_path: Path, database: str
) -> None:
    url = blocked_sqlite(tmp_path)[0] if database == "sqlite" else UNREACHABLE_POSTGRES
    app = build_app(replace(settings, database_url=url), smtp[1])
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        browser = Browser(client)
        assert (await browser.get("/staff/login"))[0] == 200  # the login page needs no database
        response = await browser.login("agent@example.org")
        assert response.status == 503 and response.headers["Retry-After"]
        assert "La base de données des questions ne répond pas" in await response.text()
        dutch = await browser.post(
            "/staff/login", {"email": "a@b.be", "password": "x"}, headers={"Accept-Language": "nl"}
        )
        assert dutch.status == 503 and "De database met de vragen antwoordt momenteel niet" in await dutch.text()
        queue = await client.get("/staff/", allow_redirects=False)
        assert queue.status in {302, 503}  # no session: to the login page, which works


async def test_the_console_comes_back_with_the_database(
    settings: WebSettings, smtp: tuple[Inbox, SmtpMailer], tmp_path: Path
) -> None:
    url, blocker = blocked_sqlite(tmp_path)
    app = build_app(replace(settings, database_url=url), smtp[1], StaffConfig(database_retry_seconds=0.1))
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        browser = Browser(client)
        assert (await browser.login("agent@example.org")).status == 503
        blocker.unlink()  # the database is reachable again; the schema is made in the background
        for _ in range(100):
            response = await browser.login("agent@example.org")
            if response.status != 503:
                break
            await asyncio.sleep(0.1)
        assert response.status == 401  # a real answer: no such account in the new database


async def test_applicants_are_served_without_the_database(settings: WebSettings, tmp_path: Path) -> None:
    app = create_app(replace(settings, database_url=blocked_sqlite(tmp_path)[0], actions_url=""))
    client: TestClient[Any, Any]
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        assert (await client.get("/fr/")).status == 200 and (await client.get("/nl/")).status == 200
        await asyncio.sleep(0.3)  # the first probes
        health = await (await client.get("/healthz")).json()
        assert health["dependencies"]["database"]["ok"] is False
