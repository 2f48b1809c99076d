"""Fixtures of bot.web's shared state on the machine's real Redis (127.0.0.1:6379): each
test uses its own key prefix and deletes its keys afterwards."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Callable

import pytest
import redis.asyncio as redis

from bot.web.state.redis_backend import RedisBackend

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


async def _reachable() -> None:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        await client.ping()
    except redis.RedisError as error:
        message = f"Redis unreachable at {REDIS_URL} ({error})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    finally:
        await client.aclose()


@pytest.fixture
async def backends() -> AsyncIterator[Callable[[], RedisBackend]]:
    """Makes backends on one fresh prefix: each is what one bot.web process holds."""
    await _reachable()
    prefix = f"test-{secrets.token_hex(6)}:"
    made: list[RedisBackend] = []

    def make() -> RedisBackend:
        made.append(RedisBackend(REDIS_URL, prefix))
        return made[-1]

    yield make
    cleaner = redis.Redis.from_url(REDIS_URL)
    keys = [key async for key in cleaner.scan_iter(match=f"{prefix}*")]
    if keys:
        await cleaner.delete(*keys)
    await cleaner.aclose()
    for backend in made:
        await backend.close()
