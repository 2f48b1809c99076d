"""Typed keys of what the application holds (aiohttp `AppKey`)."""

from __future__ import annotations

from aiohttp import web

from bot.web.live import LiveHub
from bot.web.settings import WebSettings

SETTINGS = web.AppKey("settings", WebSettings)
LIVE = web.AppKey("live", LiveHub)
