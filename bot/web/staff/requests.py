"""What the console's middlewares attach to a request, and safe redirect targets."""

from __future__ import annotations

from aiohttp import web

from bot.tickets.views import StaffView
from bot.web.staff.keys import TEXTS
from bot.web.staff.sessions import Session

SESSION = web.RequestKey("staff_session", Session)
STAFF = web.RequestKey("staff_account", StaffView)


def current_session(request: web.Request) -> Session | None:
    """The session of a logged-in request, else None."""
    return request.get(SESSION)


def current_staff(request: web.Request) -> StaffView | None:
    """The account of a logged-in request, else None."""
    return request.get(STAFF)


def current_language(request: web.Request) -> str:
    """The interface language of this request: the session's, else the default."""
    session = current_session(request)
    return session.language if session else request.config_dict[TEXTS].choose(None)


def logged_in_staff(request: web.Request) -> StaffView:
    """The account of a request that the login middleware let through.

    Raises:
        HTTPFound: To the login page, should a handler run without a session.
    """
    staff: StaffView | None = request.get(STAFF)
    if staff is None:  # cannot happen behind the middleware; fail closed anyway
        raise web.HTTPFound(str(request.app.router["login"].url_for()))
    return staff


def safe_next(request: web.Request, target: str | None) -> str:
    """A console path to go to after a form, never another site.

    Args:
        request: The current request (to find the console's prefix).
        target: A path given by the browser (`next` field), possibly hostile.

    Returns:
        `target` when it is a path inside the console, else the queue's path.
    """
    queue = str(request.app.router["queue"].url_for())
    if (
        target
        and target.startswith(queue)
        and not target.startswith("//")
        and "\\" not in target
        and all(ord(c) > 31 for c in target)
    ):
        return target
    return queue


def flash(request: web.Request, key: str, category: str = "info") -> None:
    """Show a message (a key of the interface texts) on the next page of this session."""
    session = current_session(request)
    if session is not None:
        session.flash(key, category)
