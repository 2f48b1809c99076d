"""Login, logout and the interface language."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.web.staff.auth import delete_cookie, set_cookie
from bot.web.staff.csrf import LOGIN_COOKIE, new_token
from bot.web.staff.devices import COOKIE as DEVICE_COOKIE
from bot.web.staff.devices import DEVICE_DAYS
from bot.web.staff.keys import DESK, DEVICES, SESSIONS, TEXTS, THROTTLE
from bot.web.staff.render import render
from bot.web.staff.requests import current_session, current_staff, logged_in_staff, safe_next
from bot.web.staff.sessions import COOKIE_NAME
from bot.web.staff.throttle import Busy


def _login_page(
    request: web.Request,
    *,
    wanted_language: str | None,
    next_path: str | None,
    status: int = 200,
    error: str | None = None,
) -> web.Response:
    texts = request.config_dict[TEXTS]
    token = request.cookies.get(LOGIN_COOKIE) or new_token()
    response = render(
        request,
        "login.html",
        status=status,
        language=texts.choose(wanted_language, request.headers.get("Accept-Language", "")),
        csrf_token=token,
        error=error,
        next=safe_next(request, next_path),
    )
    set_cookie(request, response, LOGIN_COOKIE, token)
    return response


async def login_page(request: web.Request) -> web.StreamResponse:
    """GET: the login form (logged-in staff go straight to the queue)."""
    if current_staff(request) is not None:
        raise web.HTTPFound(safe_next(request, request.query.get("next")))
    return _login_page(request, wanted_language=request.query.get("lang"), next_path=request.query.get("next"))


async def login_submit(request: web.Request) -> web.StreamResponse:
    """POST: check the password, slowed down per account and address (or known browser)."""
    form = await request.post()
    email = str(form.get("email", "")).strip().lower()[:254]  # bounded: it keys the throttle
    password = str(form.get("password", ""))
    language, next_path = str(form.get("lang", "")), str(form.get("next", ""))
    desk = request.config_dict[DESK]
    throttle, address = request.config_dict[THROTTLE], request.remote or "unknown"
    known = await request.config_dict[DEVICES].recognises(email, request.cookies.get(DEVICE_COOKIE))
    pair = (email, "device", request.cookies.get(DEVICE_COOKIE, "")) if known else (email, "address", address)
    try:
        async with throttle.turn(pair):
            staff = await asyncio.to_thread(desk.authenticate, email, password)
            if staff is None and await throttle.failure(pair):  # the alert: someone is guessing
                await asyncio.to_thread(desk.record, None, "login_throttled", f"{email} from {address}")
    except Busy:  # one attempt is being checked and another waits: no third one now
        return _login_page(request, wanted_language=language, next_path=next_path, status=429, error="login_locked")
    if staff is None:
        await asyncio.to_thread(desk.record, None, "login_failed", f"{email} from {address}")
        return _login_page(request, wanted_language=language, next_path=next_path, status=401, error="login_failed")
    await throttle.success(pair)
    # A new session, new token: a session id planted before login is worthless.
    texts = request.config_dict[TEXTS]
    chosen = texts.choose(language, request.headers.get("Accept-Language", ""))
    sessions = request.config_dict[SESSIONS]
    await sessions.drop(request.cookies.get(COOKIE_NAME))  # a previous session in this browser ends
    token, _session = await sessions.create(staff.id, chosen)
    await asyncio.to_thread(desk.record, staff.id, "login", f"from {address}")
    response = web.HTTPFound(safe_next(request, next_path))
    set_cookie(request, response, COOKIE_NAME, token)
    device = await request.config_dict[DEVICES].remember(email)
    set_cookie(request, response, DEVICE_COOKIE, device, max_age=DEVICE_DAYS * 86400)
    delete_cookie(request, response, LOGIN_COOKIE)
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    """POST: end the session."""
    staff = logged_in_staff(request)
    await request.config_dict[SESSIONS].drop(request.cookies.get(COOKIE_NAME))
    await asyncio.to_thread(request.config_dict[DESK].record, staff.id, "logout", "")
    response = web.HTTPFound(str(request.app.router["login"].url_for()))
    delete_cookie(request, response, COOKIE_NAME)
    raise response


async def set_language(request: web.Request) -> web.StreamResponse:
    """POST: switch the interface between French and Dutch."""
    form = await request.post()
    session = current_session(request)
    wanted = str(form.get("lang", ""))
    if session is not None and wanted in request.config_dict[TEXTS].languages:
        session.language = wanted
    raise web.HTTPFound(safe_next(request, str(form.get("next", ""))))
