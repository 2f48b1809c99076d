"""Login throttling: too many failures lock an account, and an address, for a while."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Record:
    failures: int = 0
    locked_until: float = 0.0


class LoginThrottle:
    """Counts failed logins per key and locks a key for a growing delay.

    Up to `max_failures` failures are free; each further one locks the key for
    `lock_seconds`, doubled per extra failure, capped at `max_lock_seconds`. A success
    clears the account's record (not the address's: one good password must not reopen an
    address that is guessing other accounts).
    """

    def __init__(
        self,
        max_failures: int,
        lock_seconds: float,
        max_lock_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_failures = max_failures
        self._lock = lock_seconds
        self._max_lock = max_lock_seconds
        self._clock = clock
        self._records: dict[str, _Record] = {}

    def locked(self, key: str) -> bool:
        """Whether attempts on `key` are refused right now."""
        record = self._records.get(key)
        return record is not None and record.locked_until > self._clock()

    def failure(self, key: str) -> None:
        """Count a failed attempt on `key`, locking it past the allowance."""
        if len(self._records) > 10_000:  # bound the memory a guessing robot can fill
            self._forget_unlocked()
        record = self._records.setdefault(key, _Record())
        record.failures += 1
        extra = record.failures - self._max_failures
        if extra >= 0:
            delay = min(self._lock * 2 ** min(extra, 20), self._max_lock)
            record.locked_until = self._clock() + delay

    def success(self, key: str) -> None:
        """Forget the failures of `key`."""
        self._records.pop(key, None)

    def _forget_unlocked(self) -> None:
        now = self._clock()
        for key in [k for k, r in self._records.items() if r.locked_until <= now]:
            del self._records[key]
