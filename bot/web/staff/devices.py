"""Browsers that logged into an account before: their attempts are a pair of their own.

After a successful login the browser gets a random `staff_device` cookie, remembered
(hashed, in this process's memory or in Redis: `bot.web.state`, for DEVICE_DAYS) for that account. A later attempt on
the account from that browser is throttled apart from everyone else's, so a person
whose account is being guessed at from the same address still gets in from their usual
browser. In memory, a restart forgets the devices, as it forgets the sessions.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable

COOKIE = "staff_device"
DEVICE_DAYS = 30
MAX_PER_ACCOUNT = 20


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class KnownDevices:
    """Account e-mail -> the hashed device tokens that logged into it, with their expiry."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._devices: dict[str, dict[str, float]] = {}

    async def remember(self, email: str) -> str:
        """A new device token for `email` (the cookie's value)."""
        token = secrets.token_urlsafe(32)
        devices = self._devices.setdefault(email, {})
        now = self._clock()
        for digest in [d for d, until in devices.items() if until <= now]:
            del devices[digest]
        while len(devices) >= MAX_PER_ACCOUNT:  # the oldest goes
            del devices[min(devices, key=devices.__getitem__)]
        devices[_digest(token)] = now + DEVICE_DAYS * 86400
        return token

    async def recognises(self, email: str, token: str | None) -> bool:
        """Whether `token` (a cookie's value) logged into `email` before and has not expired."""
        if not token:
            return False
        until = self._devices.get(email, {}).get(_digest(token))
        return until is not None and until > self._clock()
