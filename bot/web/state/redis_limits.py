"""Chat rate limits and answered message ids in Redis, shared by every bot.web process.

The sliding window is a sorted set of event times per key, trimmed and counted in one
script on Redis's own clock (machines' clocks may differ). If Redis does not answer, the
chat goes on without limits rather than refusing applicants (logged).
"""

from __future__ import annotations

import logging
import secrets

import redis.asyncio as redis

from bot.web.state.redis_keys import Keys

log = logging.getLogger(__name__)

_WINDOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local window, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tostring(math.max(tonumber(first[2]) + window - now, 0.001))
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000))
return '0'
"""
ANSWERED_PER_CONVERSATION = 50
ANSWERED_SECONDS = 86400  # a page resends within seconds or minutes, not days


class RedisRateLimiter:
    """A rate limit shared by every bot.web, in Redis."""

    def __init__(self, client: redis.Redis, keys: Keys, name: str, limit: int, window: float) -> None:
        self._redis, self._keys, self._name = client, keys, name
        self.limit, self.window = limit, window

    async def retry_after(self, key: str) -> float:
        try:
            wait = await self._redis.eval(
                _WINDOW, 1, self._keys(f"rate-{self._name}", key), self.window, self.limit, secrets.token_hex(8)
            )
        except redis.RedisError as error:
            log.warning("rate limit not checked, Redis unavailable (%s)", type(error).__name__)
            return 0.0
        return float(wait)


class RedisAnswered:
    """Answered message ids shared by every bot.web, in Redis."""

    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self._redis, self._keys = client, keys

    async def seen(self, conversation_id: str, message_id: str) -> bool:
        try:
            ids = await self._redis.lrange(self._keys.plain("answered", conversation_id), 0, -1)
        except redis.RedisError as error:
            log.warning("answered ids not read, Redis unavailable (%s)", type(error).__name__)
            return False
        return message_id in ids

    async def remember(self, conversation_id: str, message_id: str) -> None:
        key = self._keys.plain("answered", conversation_id)
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.lpush(key, message_id)
                pipe.ltrim(key, 0, ANSWERED_PER_CONVERSATION - 1)
                pipe.expire(key, ANSWERED_SECONDS)
                await pipe.execute()
        except redis.RedisError as error:
            log.warning("answered id not kept, Redis unavailable (%s)", type(error).__name__)
