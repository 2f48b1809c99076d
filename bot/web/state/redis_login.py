"""Login throttling and known browsers in Redis: the same rules as `throttle.py` and
`devices.py`, counted once for every bot.web process (a guesser spreading attempts
over the instances behind a load balancer gains nothing)."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import redis.asyncio as redis

from bot.web.staff.devices import DEVICE_DAYS, MAX_PER_ACCOUNT
from bot.web.staff.throttle import FORGET_AFTER, Busy
from bot.web.state.redis_keys import Keys, hashed


class RedisLoginThrottle:
    """Failures per pair, and attempts on a pair checked one at a time across processes."""

    def __init__(
        self,
        client: redis.Redis,
        keys: Keys,
        free_failures: int = 5,
        first_delay: float = 1.0,
        max_delay: float = 30.0,
        max_waiting: int = 1,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._redis, self._keys = client, keys
        self._free, self._first, self._max = free_failures, first_delay, max_delay
        self._max_waiting = max_waiting
        self._sleep = sleep

    async def delay(self, pair: tuple[str, ...]) -> float:
        extra = int(await self._redis.get(self._keys("login-failures", *pair)) or 0) - self._free
        return 0.0 if extra < 0 else min(self._first * 2 ** min(extra, 20), self._max)

    @contextlib.asynccontextmanager
    async def turn(self, pair: tuple[str, ...]) -> AsyncIterator[float]:
        attempts = self._keys("login-attempts", *pair)  # being checked + waiting
        hold = self._max + 60  # a process that dies holding the turn frees it after this
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(attempts)
            pipe.expire(attempts, int(hold))
            count, _ = await pipe.execute()
        try:
            if count > 1 + self._max_waiting:
                raise Busy
            lock = self._redis.lock(self._keys("login-turn", *pair), timeout=hold, blocking_timeout=hold)
            async with lock:
                delay = await self.delay(pair)
                if delay:
                    await self._sleep(delay)
                yield delay
        finally:
            await self._redis.decr(attempts)

    async def failure(self, pair: tuple[str, ...]) -> bool:
        key = self._keys("login-failures", *pair)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, int(FORGET_AFTER))
            failures, _ = await pipe.execute()
        return bool(failures == self._free + 1)

    async def success(self, pair: tuple[str, ...]) -> None:
        await self._redis.delete(self._keys("login-failures", *pair))


class RedisKnownDevices:
    """Account -> hashed device tokens with their expiry, in a sorted set per account."""

    def __init__(self, client: redis.Redis, keys: Keys, clock: Callable[[], float] = time.time) -> None:
        self._redis, self._keys, self._clock = client, keys, clock

    async def remember(self, email: str) -> str:
        token = secrets.token_urlsafe(32)
        key, now = self._keys("devices", email), self._clock()
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(key, "-inf", now)
            pipe.zadd(key, {hashed(token): now + DEVICE_DAYS * 86400})
            pipe.zremrangebyrank(key, 0, -MAX_PER_ACCOUNT - 1)  # the oldest go
            pipe.expire(key, DEVICE_DAYS * 86400)
            await pipe.execute()
        return token

    async def recognises(self, email: str, token: str | None) -> bool:
        if not token:
            return False
        until = await self._redis.zscore(self._keys("devices", email), hashed(token))
        return until is not None and until > self._clock()
