"""What the console opens at startup and closes at shutdown (`cleanup_ctx`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
from aiohttp import web
from sqlalchemy.engine import make_url

from bot.rasa_io.events_sql import TrackerStore
from bot.tickets.db import make_engine, upgrade
from bot.tickets.service import Desk
from bot.web.keys import SETTINGS
from bot.web.staff.keys import CONFIG, DESK, RASA_HTTP, TRACKER_STORE

log = logging.getLogger(__name__)


async def database_ctx(app: web.Application) -> AsyncIterator[None]:
    """Open the engine and make the Desk; bring the schema up to date (a fresh machine works).

    An unreachable database does not stop bot.web: the applicants' page and chat do not
    need it, the console says it is unavailable, and the upgrade is tried again every
    `database_retry_seconds` until it succeeds.
    """
    url = app[SETTINGS].database_url
    engine = make_engine(url)
    app[DESK] = Desk(engine)
    retry = app[CONFIG].database_retry_seconds
    upgrading = None if await _upgraded(url, retry) else asyncio.create_task(_upgrade_until_done(url, retry))
    yield
    if upgrading is not None:
        upgrading.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await upgrading
    engine.dispose()


def _make_folder_and_upgrade(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:  # a fresh machine works
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    upgrade(url)


async def _upgraded(url: str, retry_seconds: float) -> bool:
    try:
        await asyncio.to_thread(_make_folder_and_upgrade, url)
    except Exception as error:  # whatever the driver raises: not reachable (yet)
        log.warning("tickets database unavailable (%s); trying again in %g s", type(error).__name__, retry_seconds)
        return False
    return True


async def _upgrade_until_done(url: str, retry_seconds: float) -> None:
    while True:
        await asyncio.sleep(retry_seconds)
        if await _upgraded(url, retry_seconds):
            log.info("tickets database reachable again: schema up to date")
            return


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
