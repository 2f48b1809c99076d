"""Who may open the chat WebSocket: a check of the browser's Origin header.

Browsers always send Origin on a WebSocket handshake, and a page on another site cannot
forge it: refusing foreign origins stops other sites from chatting in a visitor's name.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web


def origin_allowed(request: web.Request, allowed: tuple[str, ...]) -> bool:
    """Origin is one of `allowed`, or, when none are configured, the request's own host."""
    origin = request.headers.get("Origin")
    if not origin:
        return False
    if allowed:
        return origin.rstrip("/") in {a.rstrip("/") for a in allowed}
    parts = urlsplit(origin)
    return parts.scheme in {"http", "https"} and parts.netloc.lower() == request.host.lower()
