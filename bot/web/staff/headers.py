"""Security headers on every response of the console, errors and static files included."""

from __future__ import annotations

from aiohttp import web

SECURITY_HEADERS = {
    # Only the console's own CSS; no script at all, no framing, forms post here only.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
}


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """`on_response_prepare` signal: set the headers; pages are never cached."""
    for name, value in SECURITY_HEADERS.items():  # assigned: the console's policy wins here
        response.headers[name] = value
    route = request.match_info.route
    if route.name != "static":
        # Ticket pages hold applicants' personal data: keep them out of every cache.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
