"""`make run` as a user types it (environments and model present): the time to the first
answer, and the memory of each process it started once bot.web is up too."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TypedDict

from bot.paths import PROJECT_ROOT
from scripts.benchmark.load import webhook
from scripts.benchmark.memory import descendants, rss_mb

# The processes `make run` starts, by what their command line holds.
PROCESSES = {"action server": "bot.action_server", "Rasa server": "bot.rasa_plugins.server", "bot.web": "bot.web"}


def _answer(port: int) -> bool:
    body = b'{"sender": "bench-startup", "message": "Bonjour"}'
    request = urllib.request.Request(webhook(port), body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status == 200 and response.read().strip() not in (b"", b"[]")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _wait_for(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers (a 503 names a dependency down): it has started
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


class MakeRun(TypedDict, total=False):
    """`make_run`'s measure, or the error that prevented it."""

    error: str
    first_answer_s: float
    memory_mb: dict[str, int]


def make_run(work: Path, rasa_port: int, actions_port: int, web_port: int, timeout: float = 300) -> MakeRun:
    """Seconds from `make run` to the first answer, and each process's memory (MB)."""
    ports = {"RASA_PORT": str(rasa_port), "ACTIONS_PORT": str(actions_port), "WEB_PORT": str(web_port)}
    env = {**os.environ, **ports, "TRACKER_STORE_URL": f"sqlite:///{work / 'make-run.db'}",
           "BOT_LOG_DIR": str(work / "make-run-logs")}  # fmt: skip
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    started = time.monotonic()
    run = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=PROJECT_ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        while not _answer(rasa_port):
            if run.poll() is not None or time.monotonic() - started > timeout:
                return {"error": f"no answer (make run exited with {run.returncode})"}
            time.sleep(0.2)
        seconds = time.monotonic() - started
        _wait_for(f"http://127.0.0.1:{web_port}/healthz", started + timeout)  # bot.web starts last
        memory: dict[str, int] = {}
        for pid in descendants(run.pid):
            for name, marker in PROCESSES.items():
                if marker in _command_line(pid) and name not in memory:
                    memory[name] = round(rss_mb(pid))
        return {"first_answer_s": seconds, "memory_mb": memory}
    finally:
        os.killpg(run.pid, signal.SIGTERM)
        try:
            run.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
