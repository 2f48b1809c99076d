"""CSRF protection: every POST must carry the session's token in a hidden field.

Before login there is no session; the login form then uses a random token set in a
cookie and repeated in the form (double submit). Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
import secrets

from aiohttp import web
from aiohttp.typedefs import Handler

from bot.web.staff.requests import current_session

FIELD = "csrf_token"
LOGIN_COOKIE = "staff_login_csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def new_token() -> str:
    """A fresh unguessable token."""
    return secrets.token_urlsafe(32)


def tokens_match(given: object, expected: str | None) -> bool:
    """Whether a submitted token equals the expected one (constant-time compare)."""
    if not expected or not isinstance(given, str):
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@web.middleware
async def csrf_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse (403) a state-changing request whose token is missing or wrong."""
    if request.method not in SAFE_METHODS:
        session = current_session(request)
        expected = session.csrf_token if session else request.cookies.get(LOGIN_COOKIE)
        form = await request.post()
        if not tokens_match(form.get(FIELD), expected):
            raise web.HTTPForbidden(text="CSRF token missing or wrong. Reload the page and try again.")
    return await handler(request)
