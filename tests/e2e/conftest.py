"""End-to-end fixtures: the real Rasa server and action server, on free loopback ports."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.credentials import ephemeral
from bot.processes import DEFAULT_MODEL, Service, action_server, rasa_server
from tests.ports import free_port


@dataclass
class Assistant:
    """A running assistant: its services and a REST client."""

    rasa: Service
    actions: Service
    rasa_port: int
    actions_port: int
    tracker_store_url: str
    logs: Path
    database_url: str = ""

    def say(self, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        body = {"sender": sender, "message": text, **({"metadata": metadata} if metadata else {})}
        replies: list[dict[str, Any]]
        status, replies = self.post_webhook(json.dumps(body).encode())
        assert status == 200, replies
        return replies

    def post_webhook(self, body: bytes) -> tuple[int, Any]:
        """POST a raw body to the REST channel: the status and the decoded JSON reply."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.load(error)

    def text(self, sender: str, message: str, metadata: dict[str, Any] | None = None) -> str:
        return "\n".join(r.get("text", "") for r in self.say(sender, message, metadata))

    def tracker(self, sender: str) -> dict[str, Any]:
        token = ephemeral().rasa_token  # the servers the tests start share this process's credentials
        url = f"http://127.0.0.1:{self.rasa_port}/conversations/{sender}/tracker?token={token}"
        with urllib.request.urlopen(url, timeout=30) as response:
            tracker: dict[str, Any] = json.load(response)
            return tracker

    def restart_rasa(self) -> None:
        self.rasa.stop()
        self.rasa = self._new_rasa().start().wait_ready()

    def _new_rasa(self) -> Service:
        return rasa_server(
            self.rasa_port, self.actions_port, self.tracker_store_url, model=DEFAULT_MODEL, log=self.logs / "rasa.log"
        )

    def stop(self) -> None:
        self.rasa.stop()
        self.actions.stop()


def start_assistant(tmp: Path, tracker_store_url: str, database_url: str | None = None) -> Assistant:
    if not DEFAULT_MODEL.exists():
        pytest.fail("no trained model: run `make train` (make e2e does it)")
    rasa_port, actions_port = free_port(), free_port()
    database_url = database_url or f"sqlite:///{tmp / 'bot.db'}"  # tickets, written by the action server
    env = {"DATABASE_URL": database_url, "TICKET_SPOOL_DIR": str(tmp / "spool")}
    actions = action_server(actions_port, log=tmp / "actions.log", env=env).start()
    assistant = Assistant(
        rasa=rasa_server(rasa_port, actions_port, tracker_store_url, log=tmp / "rasa.log"),
        actions=actions,
        rasa_port=rasa_port,
        actions_port=actions_port,
        tracker_store_url=tracker_store_url,
        logs=tmp,
        database_url=database_url,
    )
    assistant.rasa.start()
    actions.wait_ready()
    assistant.rasa.wait_ready()
    return assistant


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The assistant on the embedded default: an SQLite tracker store."""
    tmp = tmp_path_factory.mktemp("assistant")
    running = start_assistant(tmp, f"sqlite:///{tmp / 'tracker.db'}")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def postgres_assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The assistant on a PostgreSQL tracker store: a temporary database, dropped afterwards."""
    from tests.integration.tickets.helpers import postgres_database

    tmp = tmp_path_factory.mktemp("assistant-postgres")
    with postgres_database() as url:
        running = start_assistant(tmp, url)
        yield running
        running.stop()


@pytest.fixture
def sender() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"
