"""Headers every bot.web response carries unless its part set its own: static files and
error pages (404, 405…) included, which no handler of ours builds."""

from __future__ import annotations

from aiohttp import web

BASELINE_HEADERS = {
    "X-Content-Type-Options": "nosniff",  # a file is never run as what it is not
    # Nothing loads from an error page or a static file opened directly (an SVG's script).
    "Content-Security-Policy": "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}


async def baseline_headers(request: web.Request, response: web.StreamResponse) -> None:
    """`on_response_prepare`: the baseline, where the response has no value of its own."""
    for name, value in BASELINE_HEADERS.items():
        response.headers.setdefault(name, value)
