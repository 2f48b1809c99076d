"""The state in Redis (WEB_STATE_URL=redis://...): one client per bot.web process."""

from __future__ import annotations

from collections.abc import AsyncIterator

import redis.asyncio as redis
from aiohttp import web

from bot.web.state.redis_keys import Keys
from bot.web.state.redis_limits import RedisAnswered, RedisRateLimiter
from bot.web.state.redis_live import RedisLiveHub
from bot.web.state.redis_login import RedisKnownDevices, RedisLoginThrottle
from bot.web.state.redis_sessions import RedisSessionStore


class RedisBackend:
    """Each part over one Redis client (see `interfaces.StateBackend`)."""

    def __init__(self, url: str, prefix: str = "botweb:") -> None:
        # Short timeouts: a Redis that does not answer fails a request, never hangs it.
        self.client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5, socket_connect_timeout=3)
        listener = redis.Redis.from_url(url, decode_responses=True, socket_connect_timeout=3, health_check_interval=15)
        self._listener = listener
        self.keys = Keys(prefix)
        self._hub = RedisLiveHub(self.client, listener, self.keys.plain("live", "staff-replies"))

    def sessions(self, idle_seconds: float, max_seconds: float) -> RedisSessionStore:
        return RedisSessionStore(self.client, self.keys, idle_seconds, max_seconds)

    def devices(self) -> RedisKnownDevices:
        return RedisKnownDevices(self.client, self.keys)

    def throttle(self, free_failures: int, first_delay: float, max_delay: float) -> RedisLoginThrottle:
        return RedisLoginThrottle(self.client, self.keys, free_failures, first_delay, max_delay)

    def limiter(self, name: str, limit: int, window: float) -> RedisRateLimiter:
        return RedisRateLimiter(self.client, self.keys, name, limit, window)

    def answered(self) -> RedisAnswered:
        return RedisAnswered(self.client, self.keys)

    def live_hub(self) -> RedisLiveHub:
        return self._hub

    async def lifetime(self, app: web.Application) -> AsyncIterator[None]:
        """`cleanup_ctx`: listen for staff replies while bot.web runs, then close the client."""
        await self._hub.start()
        yield
        await self.close()

    async def close(self) -> None:
        await self._hub.stop()
        await self._listener.aclose()
        await self.client.aclose()
