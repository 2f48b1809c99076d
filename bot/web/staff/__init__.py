"""The staff console (`/staff`): the queue of questions the assistant could not answer.

A sub-application, so that its middlewares (login, CSRF) and headers apply to the
console only. `setup_staff` only wires; each concern lives in its own module.
"""

from __future__ import annotations

from aiohttp import web

from bot.insight.cache import ReportCache
from bot.mail import Mailer, mailer_from_env
from bot.review.intents import intent_choices
from bot.web.staff.auth import login_middleware
from bot.web.staff.config import StaffConfig
from bot.web.staff.csrf import csrf_middleware
from bot.web.staff.delivery import delivery_ctx
from bot.web.staff.headers import add_security_headers
from bot.web.staff.keys import (
    CONFIG,
    DEVICES,
    INTENTS,
    MAILER,
    REPORTS,
    SESSIONS,
    STAFF_APP,
    TEMPLATES,
    TEXTS,
    THROTTLE,
)
from bot.web.staff.lifecycle import database_ctx, rasa_http_ctx, tracker_store_ctx
from bot.web.staff.render import make_environment
from bot.web.staff.routes import add_routes
from bot.web.staff.texts import Texts
from bot.web.staff.unavailable import database_middleware

PREFIX = "/staff"


def setup_staff(app: web.Application, *, config: StaffConfig | None = None, mailer: Mailer | None = None) -> None:
    """Mount the staff console on `app` under `/staff`.

    Args:
        app: The main application (it must hold `SETTINGS` and `LIVE`).
        config: Console timings; read from the environment when not given.
        mailer: How reply e-mails leave; `mailer_from_env()` when not given.
    """
    config = config or StaffConfig.from_env()
    app[CONFIG] = config
    app[MAILER] = mailer or mailer_from_env()
    from bot.web.state.choose import backend_of  # here: it imports this package's parts

    state = backend_of(app)  # memory, or Redis shared with other bot.web processes
    app[SESSIONS] = state.sessions(config.session_idle_seconds, config.session_max_seconds)
    app[THROTTLE] = state.throttle(config.free_failures, config.first_delay_seconds, config.max_delay_seconds)
    app[DEVICES] = state.devices()
    app[TEMPLATES] = make_environment()
    app[TEXTS] = Texts()
    app[REPORTS] = ReportCache()
    app[INTENTS] = intent_choices()
    # Order: the database first, so that it closes last, after pending e-mails are sent.
    app.cleanup_ctx.extend([database_ctx, rasa_http_ctx, tracker_store_ctx, delivery_ctx])

    staff = web.Application(middlewares=[database_middleware, login_middleware, csrf_middleware])
    staff.on_response_prepare.append(add_security_headers)
    add_routes(staff.router)
    app[STAFF_APP] = staff
    app.add_subapp(PREFIX, staff)
