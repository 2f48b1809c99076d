"""Typed keys of what the application holds (aiohttp `AppKey`)."""

from __future__ import annotations

from aiohttp import web

from bot.tickets.service import Desk
from bot.web.live import LiveHub
from bot.web.settings import WebSettings

SETTINGS = web.AppKey("settings", WebSettings)
LIVE = web.AppKey("live", LiveHub)
# The database (tickets, accounts, feedback...), opened by the console at startup.
DESK = web.AppKey("desk", Desk)
