"""Which store holds bot.web's state: WEB_STATE_URL (empty: this process's memory)."""

from __future__ import annotations

from aiohttp import web

from bot.web.state.interfaces import StateBackend
from bot.web.state.memory import MemoryBackend

BACKEND = web.AppKey("state_backend", StateBackend)


def backend_for(url: str, prefix: str) -> StateBackend:
    """Memory when `url` is empty (one bot.web), else Redis (several)."""
    if not url:
        return MemoryBackend()
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"WEB_STATE_URL: a redis:// URL or nothing, not {url.split(':', 1)[0]}:")
    from bot.web.state.redis_backend import RedisBackend

    return RedisBackend(url, prefix)


def backend_of(app: web.Application) -> StateBackend:
    """The app's backend; memory for applications assembled without `create_app` (tests)."""
    backend = app.get(BACKEND)
    return backend if backend is not None else MemoryBackend()
