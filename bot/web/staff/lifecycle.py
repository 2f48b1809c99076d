"""What the console opens at startup and closes at shutdown (`cleanup_ctx`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
from aiohttp import web
from sqlalchemy.engine import make_url

from bot.rasa_io.events_sql import TrackerStore
from bot.tickets.db import make_engine, upgrade
from bot.tickets.service import Desk
from bot.web.keys import SETTINGS
from bot.web.staff.keys import DESK, RASA_HTTP, TRACKER_STORE


async def database_ctx(app: web.Application) -> AsyncIterator[None]:
    """Bring the schema up to date (a fresh machine works), open the engine, make the Desk."""
    url = app[SETTINGS].database_url
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    await asyncio.to_thread(upgrade, url)
    engine = make_engine(url)
    app[DESK] = Desk(engine)
    yield
    engine.dispose()


async def rasa_http_ctx(app: web.Application) -> AsyncIterator[None]:
    """One HTTP client session for the Rasa server's API, closed at shutdown."""
    async with aiohttp.ClientSession() as http:
        app[RASA_HTTP] = http
        yield


async def tracker_store_ctx(app: web.Application) -> AsyncIterator[None]:
    """Rasa's tracker store, read by the insight and review pages; closed at shutdown."""
    store = TrackerStore(app[SETTINGS].tracker_store_url)
    app[TRACKER_STORE] = store
    yield
    store.dispose()
