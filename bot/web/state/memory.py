"""The state in this process's memory: `make run`'s default, one bot.web."""

from __future__ import annotations

from bot.web.live import LiveHub
from bot.web.public.limits import RateLimiter, SeenMessages
from bot.web.staff.devices import KnownDevices
from bot.web.staff.sessions import SessionStore
from bot.web.staff.throttle import LoginThrottle


class MemoryBackend:
    """Each part as a plain object of this process (see `interfaces.StateBackend`)."""

    def sessions(self, idle_seconds: float, max_seconds: float) -> SessionStore:
        return SessionStore(idle_seconds, max_seconds)

    def devices(self) -> KnownDevices:
        return KnownDevices()

    def throttle(self, free_failures: int, first_delay: float, max_delay: float) -> LoginThrottle:
        return LoginThrottle(free_failures, first_delay, max_delay)

    def limiter(self, name: str, limit: int, window: float) -> RateLimiter:
        return RateLimiter(limit, window)

    def answered(self) -> SeenMessages:
        return SeenMessages()

    def live_hub(self) -> LiveHub:
        return LiveHub()
