"""`/healthz`: whether this bot.web can serve applicants, and the state of each dependency.

    200 {"status": "ok" | "degraded", "dependencies": {"rasa": {"ok": true, "detail": ...}, ...}}
    503 {"status": "unavailable", ...}

The Rasa server and the action server are needed to answer applicants (503 without
them, so that a load balancer sends them elsewhere); the tickets database only degrades
the service (tickets are spooled, the console says it is unavailable). Each dependency
is probed in the background every INTERVAL seconds, each on its own (a database that
takes 5 s to time out does not delay the others), so a health check costs nothing and
never piles up threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import aiohttp
from aiohttp import web
from sqlalchemy import Engine, text

from bot.web.keys import SETTINGS

INTERVAL = 2.0
TIMEOUT = aiohttp.ClientTimeout(total=2)


@dataclass(frozen=True)
class Check:
    """The last probe of one dependency."""

    ok: bool
    detail: str


Probe = Callable[[], Awaitable[Check]]


class Health:
    """The latest checks of the dependencies; `required` ones decide 200 or 503."""

    def __init__(self, required: frozenset[str]) -> None:
        self.required = required
        self.checks: dict[str, Check] = {}

    def report(self) -> tuple[int, dict[str, object]]:
        missing = [name for name in self.required if not self.checks.get(name, Check(False, "")).ok]
        degraded = any(not check.ok for check in self.checks.values())
        status = "unavailable" if missing else "degraded" if degraded else "ok"
        dependencies = {name: {"ok": c.ok, "detail": c.detail} for name, c in sorted(self.checks.items())}
        return (503 if missing else 200), {"status": status, "dependencies": dependencies}

    async def keep_probing(self, name: str, probe: Probe) -> None:
        while True:
            self.checks[name] = await probe()
            await asyncio.sleep(INTERVAL)


def http_probe(session: aiohttp.ClientSession, url: str) -> Probe:
    """A dependency that is up when `url` answers 200."""

    async def probe() -> Check:
        started = time.monotonic()
        try:
            async with session.get(url) as response:
                elapsed = f"{(time.monotonic() - started) * 1000:.0f} ms"
                return Check(response.status == 200, f"HTTP {response.status} in {elapsed}")
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            return Check(False, type(error).__name__)

    return probe


def database_probe(engine: Engine) -> Probe:
    """The tickets database is up when it answers `SELECT 1`."""

    def select_one() -> None:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    async def probe() -> Check:
        try:
            await asyncio.to_thread(select_one)
        except Exception as error:  # whatever the driver raises: the database is not usable
            return Check(False, type(error).__name__)
        return Check(True, "SELECT 1 answered")

    return probe


HEALTH = web.AppKey("health", Health)


async def health(request: web.Request) -> web.Response:
    """`GET /healthz`: the last probe of each dependency (200 ok or degraded, 503 unavailable)."""
    status, body = request.app[HEALTH].report()
    return web.json_response(body, status=status, headers={"Cache-Control": "no-store"})


def setup_health(app: web.Application, engine: Callable[[], Engine | None]) -> None:
    """Adds `/healthz` to `app`, probing Rasa, the action server (if configured) and the
    database whose engine `engine()` gives once the application has started."""
    settings = app[SETTINGS]
    required = frozenset({"rasa", "actions"} if settings.actions_url else {"rasa"})
    app[HEALTH] = Health(required)

    async def probes(app: web.Application) -> AsyncIterator[None]:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
            found: dict[str, Probe] = {"rasa": http_probe(session, settings.rasa_url.rstrip("/") + "/")}
            if settings.actions_url:
                found["actions"] = http_probe(session, settings.actions_url.rstrip("/") + "/health")
            database = engine()
            if database is not None:
                found["database"] = database_probe(database)
            tasks = [asyncio.create_task(app[HEALTH].keep_probing(name, p)) for name, p in found.items()]
            yield
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app.cleanup_ctx.append(probes)
    app.router.add_get("/healthz", health, name="healthz")
