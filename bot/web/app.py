"""The application factory: only wiring. Each part registers its own routes."""

from __future__ import annotations

from aiohttp import web

from bot.web.headers import baseline_headers
from bot.web.health import setup_health
from bot.web.keys import DESK, LIVE, SETTINGS
from bot.web.live import LiveHub
from bot.web.public import setup_public
from bot.web.settings import WebSettings
from bot.web.staff import setup_staff


def create_app(settings: WebSettings | None = None) -> web.Application:
    """bot.web: the applicant page and chat, the staff console and /healthz on one application."""
    app = web.Application()
    app.on_response_prepare.append(baseline_headers)
    app[SETTINGS] = settings or WebSettings.from_env()
    app[LIVE] = LiveHub()
    setup_staff(app)
    setup_public(app)
    setup_health(app, engine=lambda: app[DESK].engine if DESK in app else None)
    return app
