"""`python -m bot.web`: serve the applicant page and the staff console."""

from __future__ import annotations

from aiohttp import web

from bot.web.app import create_app
from bot.web.settings import WebSettings


def main() -> None:
    settings = WebSettings.from_env()
    web.run_app(create_app(settings), host=settings.host, port=settings.port, print=None)


if __name__ == "__main__":
    main()
