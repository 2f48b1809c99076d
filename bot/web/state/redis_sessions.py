"""Staff sessions in Redis: a login through one bot.web is valid through every other.

A session is a hash under the SHA-256 of its token (as in memory, the cookie's value is
never stored); its time to live is the idle time, renewed on each request, and never
beyond the maximum age. Each account keeps the set of its sessions, to end them all.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable

import redis.asyncio as redis

from bot.web.staff.sessions import Session
from bot.web.state.redis_keys import Keys, hashed


class RedisSessionStore:
    """Staff sessions shared by every bot.web, in Redis."""

    def __init__(
        self,
        client: redis.Redis,
        keys: Keys,
        idle_seconds: float,
        max_seconds: float,
        clock: Callable[[], float] = time.time,  # wall time: shared by machines
    ) -> None:
        self._redis, self._keys = client, keys
        self._idle, self._max = idle_seconds, max_seconds
        self._clock = clock

    def _key(self, token: str) -> str:
        return self._keys.plain("session", hashed(token))

    def _account(self, staff_id: int) -> str:
        return self._keys.plain("staff-sessions", str(staff_id))

    async def create(self, staff_id: int, language: str) -> tuple[str, Session]:
        token = secrets.token_urlsafe(32)
        now = self._clock()
        session = Session(staff_id, secrets.token_urlsafe(32), language, now, now)
        key = self._key(token)
        fields: dict[str, str | int | float] = {
            "staff_id": staff_id,
            "csrf": session.csrf_token,
            "language": language,
            "created_at": now,
            "flashes": "[]",
        }
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping=fields)  # type: ignore[arg-type]  # redis' stubs want bytes keys
            pipe.pexpire(key, _ms(min(self._idle, self._max)))
            pipe.sadd(self._account(staff_id), key)
            pipe.pexpire(self._account(staff_id), _ms(self._max))
            await pipe.execute()
        return token, session

    async def get(self, token: str | None) -> Session | None:
        if not token:
            return None
        key = self._key(token)
        data = await self._redis.hgetall(key)
        try:
            staff_id, created_at = int(data["staff_id"]), float(data["created_at"])
            flashes = [(str(k), str(c)) for k, c in json.loads(data["flashes"])]
            csrf, language = str(data["csrf"]), str(data["language"])
        except (KeyError, ValueError, TypeError):  # unknown, expired, or half written
            return None
        now = self._clock()
        left = self._max - (now - created_at)
        if left <= 0:
            await self._redis.delete(key)
            return None
        await self._redis.pexpire(key, _ms(min(self._idle, left)))
        return Session(staff_id, csrf, language, created_at, now, flashes)

    async def save(self, token: str, session: Session) -> None:
        """Write back what a request changed (language, flashes), if the session still exists."""
        key = self._key(token)
        fields = {"language": session.language, "flashes": json.dumps(session.flashes)}
        await self._redis.eval(_SET_IF_EXISTS, 1, key, *[v for pair in fields.items() for v in pair])

    async def drop(self, token: str | None) -> None:
        if token:
            await self._redis.delete(self._key(token))

    async def drop_staff(self, staff_id: int) -> None:
        account = self._account(staff_id)
        keys = await self._redis.smembers(account)
        await self._redis.delete(account, *keys)


_SET_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return 0
"""


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))
