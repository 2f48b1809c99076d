"""Login throttling that slows guessing down without ever locking a member of staff out.

Failures are counted per *pair*: an account with the address it is tried from, or with
a browser that logged into that account before (`KnownDevices`). So failures from
elsewhere, and failures on other accounts from a shared address (an office, a proxy),
never touch a person's own pair. Past `free_failures`, each attempt on a pair waits
before its password is checked: `first_delay`, doubling per further failure, at most
`max_delay` seconds; the right password is then accepted as usual. Attempts on one pair
are checked one at a time, so waiting in parallel does not multiply the guesses; one
more may wait its turn, the rest are refused at once (429, "try again in a moment").
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from dataclasses import dataclass, field

MAX_PAIRS = 10_000  # bounds the memory a guessing robot can fill
FORGET_AFTER = 3600.0  # a pair without attempts for this long starts afresh


class Busy(Exception):
    """Too many attempts on one pair at the same time."""


@dataclass
class _Pair:
    failures: int = 0
    waiting: int = 0
    seen_at: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class LoginThrottle:
    """Delays before checking a password, per pair (see module docstring)."""

    def __init__(
        self,
        free_failures: int = 5,
        first_delay: float = 1.0,
        max_delay: float = 30.0,
        max_waiting: int = 1,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._free = free_failures
        self._first, self._max = first_delay, max_delay
        self._max_waiting = max_waiting
        self._sleep = sleep
        self._clock = clock
        self._pairs: dict[Hashable, _Pair] = {}

    def delay(self, pair: Hashable) -> float:
        """Seconds the next attempt on `pair` waits before its password is checked."""
        record = self._pairs.get(pair)
        extra = (record.failures if record else 0) - self._free
        return 0.0 if extra < 0 else min(self._first * 2 ** min(extra, 20), self._max)

    @contextlib.asynccontextmanager
    async def turn(self, pair: Hashable) -> AsyncIterator[float]:
        """Wait for the pair's turn and its delay; yields the seconds waited.

        Raises:
            Busy: One attempt is being checked and another already waits.
        """
        record = self._record(pair)
        if record.lock.locked() and record.waiting >= self._max_waiting:
            raise Busy
        record.waiting += 1
        try:
            await record.lock.acquire()
        finally:
            record.waiting -= 1
        try:
            delay = self.delay(pair)
            if delay:
                await self._sleep(delay)
            yield delay
        finally:
            record.lock.release()

    async def failure(self, pair: Hashable) -> bool:
        """Count a failed attempt; True when it is the one that starts slowing the pair down."""
        record = self._record(pair)
        record.failures += 1
        return record.failures == self._free + 1

    async def success(self, pair: Hashable) -> None:
        """Forget the failures of `pair`."""
        self._pairs.pop(pair, None)

    def _record(self, pair: Hashable) -> _Pair:
        now = self._clock()
        if len(self._pairs) >= MAX_PAIRS:
            self._forget_idle(now)
        record = self._pairs.get(pair)
        if record is None or (now - record.seen_at > FORGET_AFTER and not record.lock.locked()):
            record = self._pairs[pair] = _Pair()
        record.seen_at = now
        return record

    def _forget_idle(self, now: float) -> None:
        idle = [k for k, r in self._pairs.items() if not r.lock.locked() and now - r.seen_at > FORGET_AFTER]
        for key in idle or [k for k, r in self._pairs.items() if not r.lock.locked()][: MAX_PAIRS // 10]:
            del self._pairs[key]
