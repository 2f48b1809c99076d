"""Helpers of the staff console tests: the app, a logged-in browser, loopback stand-ins."""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.mail import Mailer
from bot.web.keys import LIVE, SETTINGS
from bot.web.live import LiveHub
from bot.web.settings import WebSettings
from bot.web.staff import setup_staff
from bot.web.staff.config import StaffConfig
from bot.web.staff.keys import DELIVERIES

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "correct horse battery"
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
RASA_TOKEN = "rasa-secret"


def build_app(settings: WebSettings, mailer: Mailer, config: StaffConfig | None = None) -> web.Application:
    """The staff console alone on an application, as `create_app` wires it."""
    app = web.Application()
    app[SETTINGS] = settings
    app[LIVE] = LiveHub()
    setup_staff(app, config=config or StaffConfig(mail_retry_seconds=3600), mailer=mailer)
    return app


def csrf_token(html: str) -> str:
    """The CSRF token of the first form of a page."""
    match = CSRF.search(html)
    assert match, "no csrf_token field on the page"
    return match.group(1)


@dataclass
class Browser:
    """A member of staff's browser: a cookie jar, and the token of the last page seen."""

    client: TestClient[Any, Any]
    token: str = ""
    pages: list[str] = field(default_factory=list)

    async def get(self, path: str, **kwargs: Any) -> tuple[int, str]:
        """GET a page, remember its CSRF token; returns status and body."""
        response = await self.client.get(path, **kwargs)
        body = await response.text()
        match = CSRF.search(body)
        if match:
            self.token = match.group(1)
        return response.status, body

    async def post(self, path: str, data: dict[str, str] | None = None, **kwargs: Any) -> Any:
        """POST a form with the current CSRF token; redirects not followed."""
        form = {"csrf_token": self.token, **(data or {})}
        return await self.client.post(path, data=form, allow_redirects=False, **kwargs)

    async def login(self, email: str, password: str = PASSWORD) -> Any:
        """Open the login page and submit the form."""
        await self.get("/staff/login")
        return await self.post("/staff/login", {"email": email, "password": password})


async def settle(client: TestClient[Any, Any]) -> None:
    """Wait for the e-mails the console is sending in the background."""
    tasks = list(client.app[DELIVERIES])
    if tasks:
        await asyncio.wait(tasks, timeout=10)


class Inbox:
    """aiosmtpd handler keeping every message received."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, _class=EmailMessage, policy=policy.default))
        return "250 OK"


@dataclass
class FakeRasa:
    """What the Rasa stand-in serves and what it received."""

    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    posted: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    url: str = ""
    model_id: str = "model-live-1"
