"""The supervisor and its children, with real (tiny) processes: restart, back-off, signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.processes import Service
from bot.supervisor import Backoff, Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def sleeper(name: str = "sleeper") -> Service:
    return Service(name, SLEEPER, "http://127.0.0.1:9/")  # port 9: nothing listens, not checked here


def status_mask(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1], 16)
    raise AssertionError(field)


def gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split()[2]
        except FileNotFoundError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def test_backoff_doubles_up_to_a_limit_and_resets_once_the_service_ran_a_while() -> None:
    backoff = Backoff(first=1, longest=8, stable_after=60)
    assert [backoff.delay(ran_for=2) for _ in range(5)] == [1, 2, 4, 8, 8]
    assert backoff.delay(ran_for=61) == 1


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_service_that_dies_is_restarted_after_its_backoff_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    clock, service = FakeClock(), sleeper()
    supervisor = Supervisor([service], threading.Event(), clock=clock)
    service.start()
    try:
        first = service.pid
        assert first is not None
        os.kill(first, signal.SIGKILL)
        assert gone(first, 5)
        clock.now += 5
        with caplog.at_level("WARNING", logger="supervisor"):
            supervisor.check()  # noticed: restart in 1 s
            assert service.pid == first and "sleeper exited (code -9); restarting it in 1 s" in caplog.text
            supervisor.check()
            assert service.pid == first  # not before its back-off
            clock.now += 1
            supervisor.check()
        assert service.running and service.pid != first
        assert "sleeper restarted" in caplog.text
    finally:
        service.stop()


def test_stop_all_stops_every_service_in_a_few_seconds_even_one_ignoring_sigterm() -> None:
    stubborn = Service("stubborn", [sys.executable, "-c", "import signal, time\n"
                                     "signal.signal(signal.SIGTERM, signal.SIG_IGN)\ntime.sleep(60)"],
                       "http://127.0.0.1:9/")  # fmt: skip
    services = [sleeper("a"), sleeper("b"), stubborn]
    for service in services:
        service.start()
    time.sleep(0.5)  # the stubborn one has installed its handler
    started = time.monotonic()
    Supervisor(services, threading.Event()).stop_all(seconds=1.5)
    assert time.monotonic() - started < 3
    assert not any(service.running for service in services)


def test_children_get_no_blocked_or_ignored_stop_signals_from_their_parent() -> None:
    stop_signals = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    ignored = signal.signal(signal.SIGINT, signal.SIG_IGN)
    service = sleeper()
    try:
        service.start()
        time.sleep(0.3)
        assert service.pid is not None
        wanted = (1 << (signal.SIGINT - 1)) | (1 << (signal.SIGTERM - 1))
        assert status_mask(service.pid, "SigBlk") & wanted == 0
        assert status_mask(service.pid, "SigIgn") & wanted == 0
    finally:
        signal.signal(signal.SIGINT, ignored)
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        service.stop()


def test_children_stop_when_their_parent_is_killed() -> None:
    # A parent that starts a service and prints its pid, then is SIGKILLed: no cleanup runs.
    root = str(Path(__file__).resolve().parents[2])
    code = (
        f"import sys, time; sys.path.insert(0, {root!r})\n"
        "from bot.processes import Service\n"
        f"s = Service('child', {SLEEPER!r}, 'http://127.0.0.1:9/').start()\n"
        "print(s.pid, flush=True); time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert not gone(child, 0.3)
        parent.kill()
        parent.wait()
        assert gone(child, 5), "the child outlived its parent"
    finally:
        parent.kill()
