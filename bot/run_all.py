"""`make run`: starts the action server, the Rasa server and bot.web (the applicant page and
the staff console) under a supervisor, says where to open it, restarts a service that
dies, and stops everything on Ctrl-C or SIGTERM. `--shell` chats in the terminal instead.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from bot.credentials import ServiceCredentials, default_secrets_dir, load_or_create
from bot.paths import PROJECT_ROOT
from bot.privacy.conversations import default_tracker_store_url
from bot.processes import RASA_BIN, Service, action_server, rasa_server, web_server
from bot.supervisor import Supervisor


@dataclass(frozen=True)
class RunSettings:
    """What `make run` reads from the environment (README, "Settings"; the Makefile sets defaults)."""

    rasa_port: int
    actions_port: int
    web_port: int
    web_host: str
    rasa_interface: str
    tracker_store_url: str
    endpoints: str
    log_dir: Path
    secrets_dir: Path

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RunSettings:
        env = os.environ if env is None else env
        return cls(
            rasa_port=int(env.get("RASA_PORT", "5005")),
            actions_port=int(env.get("ACTIONS_PORT", "5055")),
            web_port=int(env.get("WEB_PORT", "8080")),
            web_host=env.get("WEB_HOST", "127.0.0.1"),
            rasa_interface=env.get("RASA_INTERFACE", "127.0.0.1"),  # loopback: internal only
            tracker_store_url=env.get("TRACKER_STORE_URL") or default_tracker_store_url(),
            endpoints=env.get("RASA_ENDPOINTS", "endpoints.yml"),
            log_dir=Path(env.get("BOT_LOG_DIR") or PROJECT_ROOT / "var" / "log"),
            secrets_dir=default_secrets_dir(env),
        )


def services(settings: RunSettings, credentials: ServiceCredentials) -> list[Service]:
    """The three services, in start order."""
    logs = settings.log_dir
    return [
        action_server(settings.actions_port, log=logs / "actions.log", credentials=credentials),
        rasa_server(
            settings.rasa_port,
            settings.actions_port,
            settings.tracker_store_url,
            endpoints=settings.endpoints,
            interface=settings.rasa_interface,
            log=logs / "rasa.log",
            credentials=credentials,
        ),
        web_server(
            settings.web_port,
            f"http://127.0.0.1:{settings.rasa_port}",
            actions_url=f"http://127.0.0.1:{settings.actions_port}",
            host=settings.web_host,
            log=logs / "web.log",
            credentials=credentials,
        ),
    ]


def announce(service: Service) -> None:
    log = service.log or "stdout"
    print(f"Starting: {service.name} ({service.health_url.rsplit('/', 1)[0]}, log: {log})...", flush=True)


def _ready_message(settings: RunSettings) -> str:
    return (
        f"\nThe assistant is ready. Open http://127.0.0.1:{settings.web_port}/ in a browser"
        f" (applicants; staff console under /staff).\n"
        "Or talk to it through Rasa's REST channel, e.g.\n"
        f"  curl -s localhost:{settings.rasa_port}/webhooks/rest/webhook -H 'Content-Type: application/json' \\\n"
        '       -d \'{"sender": "me", "message": "Quelle est la date limite ?"}\'\n'
        "or run `make shell` to chat in the terminal. Ctrl-C stops everything.\n"
        f"Rasa's HTTP API needs ?token= (RASA_TOKEN, or the file {settings.secrets_dir / 'rasa_token'}).\n"
    )


def stop_on_signals(stop: threading.Event) -> None:
    def handler(number: int, frame: FrameType | None) -> None:
        if not stop.is_set():
            logging.getLogger("supervisor").info("%s received: stopping", signal.Signals(number).name)
        stop.set()

    # Handlers, not a blocked mask: the children must not inherit blocked signals.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, handler)


def run(settings: RunSettings, shell: bool) -> int:
    stop = threading.Event()
    stop_on_signals(stop)
    credentials = load_or_create(settings.secrets_dir)
    chosen = services(settings, credentials)
    supervisor = Supervisor(chosen[:1] if shell else chosen, stop)

    def chat_in_terminal() -> int:
        command = [str(RASA_BIN), "shell", "--model", "models/current.tar.gz", "--endpoints", settings.endpoints,
                   "--port", str(settings.rasa_port)]  # fmt: skip
        env = {**os.environ, "ACTION_SERVER_SECRET": credentials.action_secret}
        return subprocess.call(command, cwd=PROJECT_ROOT, env=env)

    if shell:
        return supervised(supervisor, chat_in_terminal)
    return supervised(supervisor, lambda: watch(supervisor, _ready_message(settings)))


def supervised(supervisor: Supervisor, then: Callable[[], int], together: bool = False) -> int:
    """Start every service, run `then` (its result is the exit code), stop them all whatever happens."""
    try:
        if not supervisor.start_all(announce=announce, together=together):
            return 0
        return then()
    except (RuntimeError, TimeoutError) as error:
        print(f"Could not start: {error}", file=sys.stderr)
        return 1
    finally:
        stopping = time.monotonic()
        supervisor.stop_all()
        print(f"Stopped in {time.monotonic() - stopping:.1f} s.", flush=True)


def watch(supervisor: Supervisor, ready_message: str) -> int:
    """Say where it answers, then keep the services running until stopped."""
    print(ready_message, flush=True)
    supervisor.watch()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shell", action="store_true", help="chat in the terminal")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    return run(RunSettings.from_env(), shell=args.shell)


if __name__ == "__main__":
    sys.exit(main())
