"""`make run`'s supervisor with the real services: restart, health, credentials, shutdown.

`python -m bot.run_all` is what `make run` runs once the environments and the model exist.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import stat
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.paths import PROJECT_ROOT
from bot.processes import APP_PYTHON
from tests.ports import free_port

READY = "The assistant is ready"


@dataclass
class Run:
    process: subprocess.Popen[bytes]
    output: Path
    tmp: Path
    rasa_port: int
    web_port: int

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def log(self) -> str:
        return self.output.read_text(errors="replace")

    def health(self) -> tuple[int, dict[str, Any]]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.web_port}/healthz", timeout=5) as response:
                return int(response.status), json.load(response)
        except urllib.error.HTTPError as error:
            with error:
                return int(error.code), json.load(error)


def start(tmp: Path) -> Run:
    rasa_port, actions_port, web_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "RASA_PORT": str(rasa_port), "ACTIONS_PORT": str(actions_port), "WEB_PORT": str(web_port),
        "TRACKER_STORE_URL": f"sqlite:///{tmp / 'tracker.db'}", "DATABASE_URL": f"sqlite:///{tmp / 'bot.db'}",
        "TICKET_SPOOL_DIR": str(tmp / "spool"), "MAIL_OUTBOX_DIR": str(tmp / "outbox"),
        "BOT_LOG_DIR": str(tmp / "log"), "BOT_SECRETS_DIR": str(tmp / "secrets"),
        "RASA_ENDPOINTS": "endpoints.yml", "PYTHONPATH": str(PROJECT_ROOT), "RASA_TELEMETRY_ENABLED": "false",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
    }  # fmt: skip
    for name in ("RASA_TOKEN", "ACTION_SERVER_SECRET"):
        env.pop(name, None)
    output = tmp / "make-run.out"
    with output.open("wb") as out:
        process = subprocess.Popen(
            [str(APP_PYTHON), "-m", "bot.run_all"], cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    run = Run(process, output, tmp, rasa_port, web_port)
    deadline = time.monotonic() + 240
    while READY not in run.log():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"make run did not start:\n{run.log()[-3000:]}")
        time.sleep(0.5)
    return run


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def wait_until(condition: Callable[[], object], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Run]:
    running = start(tmp_path)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


async def open_chat(web_port: int) -> tuple[aiohttp.ClientSession, aiohttp.ClientWebSocketResponse[bool]]:
    session = aiohttp.ClientSession()
    origin = f"http://127.0.0.1:{web_port}"
    ws = await session.ws_connect(f"ws://127.0.0.1:{web_port}/chat/ws", headers={"Origin": origin})
    await ws.send_json({"type": "hello", "conversation_id": "", "lang": "fr"})
    assert (await ws.receive_json(timeout=10))["type"] == "welcome"
    return session, ws


def test_a_dead_service_is_restarted_then_sigterm_stops_everything_gracefully(run: Run) -> None:
    secrets = run.tmp / "secrets"
    assert {p.name for p in secrets.iterdir()} == {"rasa_token", "action_secret"}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in secrets.iterdir())
    assert run.health()[0] == 200

    actions = next(pid for pid in run.children() if "bot.action_server" in Path(f"/proc/{pid}/cmdline").read_text())
    os.kill(actions, signal.SIGKILL)
    assert wait_until(lambda: run.health()[0] == 503, 10), "the dead action server went unnoticed"
    assert run.health()[1]["dependencies"]["actions"]["ok"] is False
    assert wait_until(lambda: run.health()[0] == 200, 90), run.log()[-2000:]
    assert "action server exited (code -9); restarting it in 1 s" in run.log()
    assert "action server restarted" in run.log()
    assert actions not in run.children()

    async def stop_with_a_chat_open() -> tuple[float, int | None]:
        session, ws = await open_chat(run.web_port)
        children = run.children()
        started = time.monotonic()
        run.process.send_signal(signal.SIGTERM)
        closing = await ws.receive(timeout=10)  # the page is told "going away"
        await asyncio.to_thread(run.process.wait, 10)
        while any(alive(pid) for pid in children):
            await asyncio.sleep(0.02)
        await session.close()
        return time.monotonic() - started, ws.close_code if closing.type else None

    seconds, close_code = asyncio.run(stop_with_a_chat_open())
    print(f"\nmake run stopped in {seconds:.2f} s after SIGTERM")
    assert seconds < 5
    assert close_code == 1001
    assert run.process.returncode == 0


def test_nothing_is_left_running_when_the_supervisor_is_killed(run: Run) -> None:
    children = run.children()
    assert len(children) == 3
    run.process.kill()
    run.process.wait()
    assert wait_until(lambda: not any(alive(pid) for pid in children), 15), "services outlived the supervisor"
