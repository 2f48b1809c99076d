"""Who is logged in: the session cookie, the login requirement, the role requirement."""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.typedefs import Handler

from bot.web.keys import SETTINGS
from bot.web.staff.keys import DESK, SESSIONS
from bot.web.staff.permissions import HOME, allowed
from bot.web.staff.requests import SESSION, STAFF, current_staff
from bot.web.staff.sessions import COOKIE_NAME

# The only console routes open without a session (tests/integration/web_staff checks it).
PUBLIC_ROUTES = frozenset({"login", "login_submit", "static"})


def set_cookie(
    request: web.Request, response: web.StreamResponse, name: str, value: str, max_age: int | None = None
) -> None:
    """Set a console cookie: HttpOnly, SameSite=Strict, Secure over HTTPS, console path only.

    Args:
        request: The current request (settings, console prefix).
        response: Where the cookie is set.
        name: Cookie name.
        value: Cookie value.
        max_age: Seconds the browser keeps it; None: until the browser closes.
    """
    response.set_cookie(
        name,
        value,
        path=_console_path(request),
        httponly=True,
        samesite="Strict",
        secure=request.config_dict[SETTINGS].secure_cookies,
        max_age=max_age,
    )


def delete_cookie(request: web.Request, response: web.StreamResponse, name: str) -> None:
    """Remove a console cookie from the browser."""
    response.del_cookie(name, path=_console_path(request))


def _console_path(request: web.Request) -> str:
    return str(request.app.router["queue"].url_for()).rstrip("/") or "/"


@web.middleware
async def login_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Attach the session and account to the request; send strangers to the login page;
    refuse (403) a route the account's role may not use (`permissions.ROUTE_ROLES`).

    The account is read again on every request, so a disabled account is out at once.
    """
    if request.path == _console_path(request):  # "/staff" without its slash
        raise web.HTTPFound(str(request.app.router["queue"].url_for()))
    token = request.cookies.get(COOKIE_NAME)
    sessions = request.config_dict[SESSIONS]
    session = await sessions.get(token)
    if session is not None and token:
        staff = await asyncio.to_thread(request.config_dict[DESK].get_staff, session.staff_id)
        if staff is not None and staff.active:
            request[SESSION] = session
            request[STAFF] = staff
            before = session.changes()
            try:
                return await _allowed(request, handler)
            finally:  # a redirect is raised: the flash it carries must be kept anyway
                if session.changes() != before:
                    await sessions.save(token, session)
        await sessions.drop(token)
    return await _allowed(request, handler)


async def _allowed(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The handler, if the route is open or the request's account may use it."""
    route = request.match_info.route.name
    if route in PUBLIC_ROUTES:
        return await handler(request)
    staff = current_staff(request)
    if staff is None:
        login = request.app.router["login"].url_for()
        if request.method == "GET":
            login = login.with_query(next=request.path_qs)
        raise web.HTTPFound(str(login))
    if not allowed(staff.role, route):
        home = HOME.get(staff.role)
        if route == "queue" and home and home != route:  # the console's front door: go home
            raise web.HTTPFound(str(request.app.router[home].url_for()))
        raise web.HTTPForbidden(text="Your role does not give access to this page.")
    return await handler(request)
