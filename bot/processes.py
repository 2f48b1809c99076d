"""Starting and stopping the assistant's processes: used by `make run` and the tests.

Each service runs in its own Python environment (see README, "Architecture"), so they are
started as subprocesses with the command of their environment, each in its own session
(a Ctrl-C in the terminal reaches the supervisor, which stops them in order). A child
starts with no blocked signals and the default SIGINT/SIGTERM handlers whatever its
parent had (signal masks and ignored signals survive `exec`), and on Linux it receives
SIGTERM when its parent dies, even by SIGKILL (PR_SET_PDEATHSIG): nothing is left running.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from bot.credentials import ServiceCredentials, ephemeral
from bot.paths import PROJECT_ROOT

RASA_BIN = PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"
RASA_PYTHON = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"
APP_PYTHON = PROJECT_ROOT / ".venv-app" / "bin" / "python"
DEFAULT_MODEL = PROJECT_ROOT / "models" / "current.tar.gz"
# Sanic (Rasa, action server) and aiohttp (bot.web) wait this long for open requests on
# SIGTERM; the supervisor kills what is still running a little later.
GRACEFUL_SECONDS = 2
STOP_SECONDS = 4.0
_PR_SET_PDEATHSIG = 1
# Loaded here, not in the child: after a fork only the forking thread runs, and loading a
# library there could wait for a lock another thread held.
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def _die_with(parent: int) -> None:
    """In the child, before `exec`: a clean signal state, and SIGTERM when `parent` dies."""
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl: nobody would stop us
            os._exit(1)


@dataclass
class Service:
    """A running process and the URL that says it is ready."""

    name: str
    command: list[str]
    health_url: str
    env: dict[str, str] = field(default_factory=dict)
    log: Path | None = None
    cwd: Path = PROJECT_ROOT
    process: subprocess.Popen[bytes] | None = None
    _log_file: IO[bytes] | None = None

    def start(self) -> Service:
        port = urllib.parse.urlsplit(self.health_url).port
        if port and _in_use(port):  # else an old server would answer our health check
            raise RuntimeError(f"{self.name}: port {port} is already in use (another assistant still running?)")
        env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(PROJECT_ROOT), **self.env}
        if self.log and self._log_file is None:  # a restart appends to the same file
            self.log.parent.mkdir(parents=True, exist_ok=True)
            self._log_file = open(self.log, "ab")  # noqa: SIM115 (closed in stop())
        out = self._log_file or sys.stdout
        parent = os.getpid()
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=lambda: _die_with(parent),
        )
        return self

    @property
    def running(self) -> bool:
        """Started and not exited (polling also reaps an exited child: no zombie)."""
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def wait_ready(self, timeout: float = 180.0, cancel: threading.Event | None = None) -> Service:
        """Wait until the health URL answers 200 (or `cancel` is set: then return at once).

        Raises:
            RuntimeError: The process exited first.
            TimeoutError: Not ready in `timeout` seconds.
        """
        deadline = time.monotonic() + timeout
        cancel = cancel or threading.Event()
        while time.monotonic() < deadline and not cancel.is_set():
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.process.returncode} (log: {self.log})")
            try:
                with urllib.request.urlopen(self.health_url, timeout=2):
                    return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                cancel.wait(0.3)
        if cancel.is_set():
            return self
        raise TimeoutError(f"{self.name} not ready after {timeout:.0f} s (log: {self.log})")

    def terminate(self) -> None:
        """Ask the service to stop (SIGTERM to its process group); `stop` waits for it."""
        if self.running:
            _signal_group(self.pid, signal.SIGTERM)

    def stop(self, deadline: float | None = None) -> None:
        """Stop the service: SIGTERM, then SIGKILL at `deadline` (monotonic; default STOP_SECONDS from now)."""
        if self.process is not None:
            self.terminate()
            deadline = time.monotonic() + STOP_SECONDS if deadline is None else deadline
            try:
                self.process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            _signal_group(self.process.pid, signal.SIGKILL)  # whatever it started, too
        if self._log_file:
            self._log_file.close()
            self._log_file = None


def _signal_group(pid: int | None, number: signal.Signals) -> None:
    if pid is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):  # already gone
            os.killpg(pid, number)


def _in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def action_server(
    port: int,
    log: Path | None = None,
    env: dict[str, str] | None = None,
    credentials: ServiceCredentials | None = None,
) -> Service:
    """The action server; it runs only calls carrying the credentials' secret (default:
    this process's `ephemeral()` ones, which `rasa_server` and `web_server` use too)."""
    credentials = credentials or ephemeral()
    return Service(
        "action server",
        [str(APP_PYTHON), "-m", "bot.action_server", "--port", str(port)],
        f"http://127.0.0.1:{port}/health",
        env={
            "SANIC_HOST": "127.0.0.1",
            "SANIC_GRACEFUL_SHUTDOWN_TIMEOUT": str(GRACEFUL_SECONDS),
            "ACTION_SERVER_SECRET": credentials.action_secret,
            **(env or {}),
        },
        log=log,
    )


def rasa_server(
    port: int,
    actions_port: int,
    tracker_store_url: str,
    model: Path = DEFAULT_MODEL,
    endpoints: str = "endpoints.yml",
    interface: str = "127.0.0.1",
    log: Path | None = None,
    env: dict[str, str] | None = None,
    credentials: ServiceCredentials | None = None,
) -> Service:
    """The Rasa server: its HTTP API needs the credentials' token, and it sends their
    secret to the action server (`endpoints.yml`)."""
    credentials = credentials or ephemeral()
    command = [
        str(RASA_PYTHON), "-m", "bot.rasa_plugins.server", "run", "--model", str(model), "--endpoints", endpoints,
        "--credentials", "credentials.yml", "--port", str(port), "-i", interface, "--enable-api",
    ]  # fmt: skip
    return Service(
        "Rasa server",
        command,
        f"http://127.0.0.1:{port}/",
        env={
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
            "TRACKER_STORE_URL": tracker_store_url,
            "SANIC_GRACEFUL_SHUTDOWN_TIMEOUT": str(GRACEFUL_SECONDS),
            "RASA_TOKEN": credentials.rasa_token,
            "ACTION_SERVER_SECRET": credentials.action_secret,
            **(env or {}),
        },
        log=log,
    )


def web_server(
    port: int,
    rasa_url: str = "http://127.0.0.1:5005",
    host: str = "127.0.0.1",
    log: Path | None = None,
    env: dict[str, str] | None = None,
    actions_url: str = "",
    credentials: ServiceCredentials | None = None,
) -> Service:
    """bot.web: the applicant page, its chat gateway (to `rasa_url`) and the staff console.

    `actions_url` is the action server its `/healthz` checks; empty: not checked.
    """
    credentials = credentials or ephemeral()
    return Service(
        "bot.web",
        [str(APP_PYTHON), "-m", "bot.web"],
        f"http://127.0.0.1:{port}/healthz",
        env={
            "WEB_HOST": host,
            "WEB_PORT": str(port),
            "RASA_URL": rasa_url,
            "ACTIONS_URL": actions_url,
            "RASA_TOKEN": credentials.rasa_token,
            **(env or {}),
        },
        log=log,
    )
