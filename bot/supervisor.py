"""Keeping the assistant's services running: `make run` starts them through a Supervisor.

A service that exits on its own is restarted after a growing delay (1 s, doubling up to
30 s; back to 1 s once it has run for a minute), and each exit and restart is logged.
Stopping sends SIGTERM to every service at once, bot.web first (it closes the open chat
WebSockets with "going away"), and kills what is still running after STOP_SECONDS.
A service that never became ready at start-up is an error, not something to retry.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.processes import STOP_SECONDS, Service

log = logging.getLogger("supervisor")


@dataclass
class Backoff:
    """Delays before restarting a service that keeps exiting."""

    first: float = 1.0
    longest: float = 30.0
    stable_after: float = 60.0  # a service that ran this long starts again from `first`
    _next: float = 0.0

    def delay(self, ran_for: float) -> float:
        """The delay before the next restart of a service that exited after `ran_for` seconds."""
        if ran_for >= self.stable_after or not self._next:
            self._next = self.first
        delay, self._next = self._next, min(self._next * 2, self.longest)
        return delay


@dataclass
class _Watched:
    service: Service
    backoff: Backoff
    started_at: float = 0.0
    restart_at: float | None = None  # set while the service is down and waiting


class Supervisor:
    """Starts services in order, restarts the ones that exit, stops them all.

    Args:
        services: In start order (each one ready before the next starts).
        stop: Set (e.g. by a signal handler) to end `start_all` and `watch`.
        clock: Monotonic seconds (tests move it).
    """

    def __init__(
        self, services: Sequence[Service], stop: threading.Event, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._watched = [_Watched(service, Backoff()) for service in services]
        self._stop = stop
        self._clock = clock

    @property
    def services(self) -> list[Service]:
        return [w.service for w in self._watched]

    def start_all(
        self, announce: Callable[[Service], None] = lambda s: None, timeout: float = 180.0, together: bool = False
    ) -> bool:
        """Start each service and wait until it is ready; False if a stop came first.
        `together`: start them all, then wait for each (services that do not need each
        other to start: the cluster's two Rasa servers load their models at once).

        Raises:
            RuntimeError: A service exited before it was ready.
            TimeoutError: A service was not ready in `timeout` seconds.
        """
        for watched in self._watched:
            if self._stop.is_set():
                return False
            announce(watched.service)
            watched.service.start()
            watched.started_at = self._clock()
            if not together:
                watched.service.wait_ready(timeout, cancel=self._stop)
        deadline = self._clock() + timeout
        for watched in self._watched if together else ():
            watched.service.wait_ready(max(deadline - self._clock(), 1.0), cancel=self._stop)
        return not self._stop.is_set()

    def watch(self, tick: float = 0.5) -> None:
        """Until stopped: notice exited services and restart them after their back-off."""
        while not self._stop.wait(tick):
            self.check()

    def check(self) -> None:
        """One look at every service (what `watch` does each tick)."""
        now = self._clock()
        for watched in self._watched:
            service = watched.service
            if watched.restart_at is None and not service.running:
                code = service.process.returncode if service.process else None
                delay = watched.backoff.delay(now - watched.started_at)
                watched.restart_at = now + delay
                log.warning("%s exited (code %s); restarting it in %.0f s", service.name, code, delay)
            elif watched.restart_at is not None and now >= watched.restart_at:
                self._restart(watched, now)

    def _restart(self, watched: _Watched, now: float) -> None:
        service = watched.service
        service.stop()  # reaps it and anything left in its process group
        try:
            service.start()
        except (OSError, RuntimeError) as error:  # e.g. its port is still taken
            delay = watched.backoff.delay(0.0)
            watched.restart_at = now + delay
            log.error("%s could not be restarted (%s); trying again in %.0f s", service.name, error, delay)
            return
        watched.started_at, watched.restart_at = now, None
        log.warning("%s restarted (pid %s)", service.name, service.pid)

    def stop_all(self, seconds: float = STOP_SECONDS) -> None:
        """SIGTERM to every service (last started first), then wait; SIGKILL after `seconds`."""
        services = list(reversed(self.services))
        for service in services:
            service.terminate()
        deadline = time.monotonic() + seconds
        for service in services:
            service.stop(deadline)
