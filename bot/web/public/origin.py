"""Who may open the chat WebSocket: a check of the browser's Origin header.

Browsers always send Origin on a WebSocket handshake, and a page on another site cannot
forge it: refusing foreign origins stops other sites from chatting in a visitor's name.
The origins come from the settings (WEB_ALLOWED_ORIGINS, by default the addresses
`make run` prints), never from the request: a Host header is whatever the client says,
so a page and a Host both naming another site would pass a comparison with it.
"""

from __future__ import annotations

from aiohttp import web


def origin_allowed(request: web.Request, allowed: tuple[str, ...]) -> bool:
    """The request's Origin is one of `allowed` (scheme, host and port, no path)."""
    origin = request.headers.get("Origin", "").rstrip("/").lower()
    return bool(origin) and origin in {a.rstrip("/").lower() for a in allowed}
