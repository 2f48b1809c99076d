"""`python -m bot.web`: serve the applicant page and the staff console."""

from __future__ import annotations

from aiohttp import web

from bot.web.app import create_app
from bot.web.settings import WebSettings

# On SIGTERM/SIGINT: chat WebSockets are closed ("going away") at once; a request still
# waiting for Rasa gets this long. `make run` stops everything within a few seconds.
SHUTDOWN_SECONDS = 2.0


def main() -> None:
    """Runs bot.web with the settings from the environment."""
    settings = WebSettings.from_env()
    app = create_app(settings)
    web.run_app(app, host=settings.host, port=settings.port, print=None, shutdown_timeout=SHUTDOWN_SECONDS)


if __name__ == "__main__":
    main()
