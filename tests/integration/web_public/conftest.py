"""The applicant part of bot.web on its own, against a stand-in Rasa server on loopback.

The stand-in speaks the two Rasa endpoints the gateway uses (REST channel, tracker) over
real HTTP, and can be stopped and started again on the same port to play "Rasa down".
The same tests against the real Rasa server are in tests/e2e/browser/.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.web.keys import LIVE, SETTINGS
from bot.web.live import LiveHub
from bot.web.public import setup_public
from bot.web.settings import WebSettings
from tests.ports import free_port


@dataclass
class FakeRasa:
    """Answers every message with an echo and a quick reply; records what it received."""

    port: int = field(default_factory=free_port)
    received: list[dict[str, Any]] = field(default_factory=list)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    actions_down: bool = False  # answer with the apology, as Rasa does when an action fails
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self._webhook)
        app.router.add_get("/conversations/{sender}/tracker", self._tracker)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()
            self._runner = None

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append(body)
        text = f"echo: {body['message']} (see https://example.org/call.)"
        buttons = [{"title": "Budget", "payload": "/ask_budget"}]
        events = self.events.setdefault(body["sender"], [])
        parse = {"intent": {"name": "echo", "confidence": 0.42}, "language": {"detected": None}}
        events.append({"event": "user", "text": body["message"], "metadata": body.get("metadata") or {},
                       "parse_data": parse, "timestamp": time.time()})  # fmt: skip
        if self.actions_down:
            events.append({"event": "bot", "text": "Sorry", "data": {"custom": {"retry": True}}})
            return web.json_response([{"text": "Sorry"}, {"custom": {"retry": True}}])
        events.append({"event": "bot", "text": text, "data": {"buttons": buttons}})
        return web.json_response([{"recipient_id": body["sender"], "text": text, "buttons": buttons}])

    async def _tracker(self, request: web.Request) -> web.Response:
        sender = request.match_info["sender"]
        return web.json_response({"sender_id": sender, "events": self.events.get(sender, [])})


@pytest.fixture
async def rasa() -> AsyncIterator[FakeRasa]:
    fake = FakeRasa()
    await fake.start()
    yield fake
    await fake.stop()


def public_app(settings: WebSettings) -> web.Application:
    """Only the applicant part, as `create_app` wires it (the staff console is not needed)."""
    app = web.Application()
    app[SETTINGS] = settings
    app[LIVE] = LiveHub()
    setup_public(app)
    return app


@pytest.fixture
def settings(rasa: FakeRasa, tmp_path: Any) -> WebSettings:
    return WebSettings(
        port=free_port(),
        rasa_url=rasa.url,
        chat_rate_limit=5,
        chat_rate_limit_address=8,
        chat_rate_window=60,
        database_url=f"sqlite:///{tmp_path / 'bot.db'}",  # feedback votes
    )


@pytest.fixture
async def client(settings: WebSettings) -> AsyncIterator[TestClient[Any, Any]]:
    # On the settings' port: the chat accepts the origins of that port only.
    async with TestClient(TestServer(public_app(settings), port=settings.port)) as test_client:
        yield test_client


def with_settings(settings: WebSettings, **changes: Any) -> WebSettings:
    return replace(settings, **changes)
