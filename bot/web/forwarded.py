"""The client's address behind a load balancer: when the TCP peer is a trusted proxy
(WEB_TRUSTED_PROXIES, e.g. HAProxy on 127.0.0.1), the address it appended last to
X-Forwarded-For. Rate limits and login throttling then count applicants, not the proxy.
Anyone else's X-Forwarded-For is ignored (a client could write anything there)."""

from __future__ import annotations

import ipaddress

from aiohttp import web
from aiohttp.typedefs import Handler

from bot.web.keys import SETTINGS


@web.middleware
async def client_address(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The client's address from X-Forwarded-For, when the request comes from a trusted proxy."""
    proxies = request.app[SETTINGS].trusted_proxies
    if proxies and request.remote in proxies:
        last = request.headers.get("X-Forwarded-For", "").rsplit(",", 1)[-1].strip()
        if _is_address(last):
            request = request.clone(remote=last)
    return await handler(request)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
