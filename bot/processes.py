"""Starting and stopping the assistant's processes: used by `make run` and the tests.

Each service runs in its own Python environment (see README, "Architecture"), so they are
started as subprocesses with the command of their environment.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from bot.paths import PROJECT_ROOT

RASA_BIN = PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"
APP_PYTHON = PROJECT_ROOT / ".venv-app" / "bin" / "python"
DEFAULT_MODEL = PROJECT_ROOT / "models" / "current.tar.gz"


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
        if self.log:
            self.log.parent.mkdir(parents=True, exist_ok=True)
            self._log_file = open(self.log, "ab")  # noqa: SIM115 (closed in stop())
        out = self._log_file or sys.stdout
        self.process = subprocess.Popen(
            self.command, cwd=self.cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def wait_ready(self, timeout: float = 180.0) -> Service:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.process.returncode} (log: {self.log})")
            try:
                with urllib.request.urlopen(self.health_url, timeout=2):
                    return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise TimeoutError(f"{self.name} not ready after {timeout:.0f} s (log: {self.log})")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self._log_file:
            self._log_file.close()
            self._log_file = None


def _in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def action_server(port: int, log: Path | None = None, env: dict[str, str] | None = None) -> Service:
    return Service(
        "action server",
        [str(APP_PYTHON), "-m", "bot.action_server", "--port", str(port)],
        f"http://127.0.0.1:{port}/health",
        env={"SANIC_HOST": "127.0.0.1", **(env or {})},
        log=log,
    )


def rasa_server(
    port: int,
    actions_port: int,
    tracker_store_url: str,
    model: Path = DEFAULT_MODEL,
    endpoints: str = "endpoints.yml",
    interface: str = "127.0.0.1",
    auth_token: str | None = None,
    log: Path | None = None,
    env: dict[str, str] | None = None,
) -> Service:
    command = [
        str(RASA_BIN), "run", "--model", str(model), "--endpoints", endpoints,
        "--credentials", "credentials.yml", "--port", str(port), "-i", interface, "--enable-api",
    ]  # fmt: skip
    if auth_token:
        command += ["--auth-token", auth_token]
    return Service(
        "Rasa server",
        command,
        f"http://127.0.0.1:{port}/",
        env={
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
            "TRACKER_STORE_URL": tracker_store_url,
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
) -> Service:
    """bot.web: the applicant page, its chat gateway (to `rasa_url`) and the staff console."""
    return Service(
        "bot.web",
        [str(APP_PYTHON), "-m", "bot.web"],
        f"http://127.0.0.1:{port}/healthz",
        env={"WEB_HOST": host, "WEB_PORT": str(port), "RASA_URL": rasa_url, **(env or {})},
        log=log,
    )
