"""The client's address behind a trusted load balancer (WEB_TRUSTED_PROXIES)."""

from __future__ import annotations

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.web.forwarded import client_address
from bot.web.keys import SETTINGS
from bot.web.settings import WebSettings


async def _remote(request: web.Request) -> web.Response:
    return web.Response(text=request.remote or "")


async def _seen(trusted: tuple[str, ...], forwarded: str | None) -> str:
    app = web.Application(middlewares=[client_address])
    app[SETTINGS] = WebSettings(trusted_proxies=trusted)
    app.router.add_get("/", _remote)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
        seen: str = await (await client.get("/", headers=headers)).text()
        return seen


async def test_the_address_a_trusted_proxy_appended_is_the_clients() -> None:
    # The proxy appends the peer it saw last; what the client wrote before it is not believed.
    assert await _seen(("127.0.0.1",), "203.0.113.9, 198.51.100.4") == "198.51.100.4"
    assert await _seen(("127.0.0.1",), "2001:db8::7") == "2001:db8::7"


async def test_forwarded_addresses_are_ignored_from_anyone_else_or_when_malformed() -> None:
    assert await _seen((), "198.51.100.4") == "127.0.0.1"
    assert await _seen(("10.0.0.1",), "198.51.100.4") == "127.0.0.1"
    assert await _seen(("127.0.0.1",), "not an address") == "127.0.0.1"
    assert await _seen(("127.0.0.1",), None) == "127.0.0.1"
