"""The console while the tickets database cannot be reached: a clear page, not a 500.

bot.web starts and serves applicants without the database (tickets are spooled by the
action server meanwhile); every console page that needs it says so, in the staff
member's language (their session's, else the browser's), with 503 and Retry-After.
"""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp.typedefs import Handler
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from bot.web.staff.keys import SESSIONS, TEXTS
from bot.web.staff.render import render
from bot.web.staff.sessions import COOKIE_NAME

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


@web.middleware
async def database_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Outermost console middleware: a database error becomes the "unavailable" page."""
    try:
        return await handler(request)
    except (DBAPIError, PoolTimeout) as error:
        log.warning("tickets database unavailable for %s: %s", request.path, type(error).__name__)
        session = await request.config_dict[SESSIONS].get(request.cookies.get(COOKIE_NAME))
        wanted = session.language if session else request.query.get("lang")
        language = request.config_dict[TEXTS].choose(wanted, request.headers.get("Accept-Language", ""))
        response = render(request, "unavailable.html", status=503, language=language)
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
