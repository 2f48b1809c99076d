"""The application factory: only wiring. Each part registers its own routes."""

from __future__ import annotations

from aiohttp import web

from bot.web.forwarded import client_address
from bot.web.headers import baseline_headers
from bot.web.health import setup_health
from bot.web.keys import DESK, LIVE, SETTINGS
from bot.web.public import setup_public
from bot.web.settings import WebSettings
from bot.web.staff import setup_staff
from bot.web.state.choose import BACKEND, backend_for


def create_app(settings: WebSettings | None = None) -> web.Application:
    """bot.web: the applicant page and chat, the staff console and /healthz on one application."""
    app = web.Application(middlewares=[client_address])
    app.on_response_prepare.append(baseline_headers)
    app[SETTINGS] = settings = settings or WebSettings.from_env()
    backend = backend_for(settings.state_url, settings.state_prefix)
    app[BACKEND] = backend
    app[LIVE] = backend.live_hub()
    lifetime = getattr(backend, "lifetime", None)  # Redis: the live hub's subscription
    if lifetime is not None:
        app.cleanup_ctx.append(lifetime)
    setup_staff(app)
    setup_public(app)
    setup_health(app, engine=lambda: app[DESK].engine if DESK in app else None)
    return app
