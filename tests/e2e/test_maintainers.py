"""`make train` against a running assistant: a better-or-equal model goes live under
continuous traffic with no message lost, a worse one is refused, `make rollback` undoes.

The pipeline works on a copy of the models folder and its own database; the Rasa server
is this module's own (real Rasa and action servers, SQLite tracker store).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from bot.credentials import ephemeral
from bot.paths import PROJECT_ROOT
from bot.processes import DEFAULT_MODEL
from bot.rasa_io.http_api import RasaHttp
from bot.rasa_io.model_archive import model_info
from bot.tickets.db import make_engine
from bot.tickets.service import Desk
from tests.e2e.conftest import Assistant, start_assistant

TOKEN = ephemeral().rasa_token  # of the servers this test run starts
# A few conversation tests in each language keep the run short; `make train` runs them all.
CONVERSATIONS_ONLY = r"^(fr|nl)-(language|apply)-0[12]$"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    tmp = tmp_path_factory.mktemp("maintainers")
    running = start_assistant(tmp, f"sqlite:///{tmp / 'tracker.db'}")
    yield running
    running.stop()


def _models(tmp: Path) -> Path:
    folder = tmp / "models"
    folder.mkdir()
    shutil.copy2(DEFAULT_MODEL, folder / "current.tar.gz")
    return folder


def make(target: str, assistant: Assistant, tmp: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    settings = {
        "RASA_URL": f"http://127.0.0.1:{assistant.rasa_port}",
        "RASA_TOKEN": TOKEN,
        "DATABASE_URL": f"sqlite:///{tmp / 'bot.db'}",
        "CONVERSATIONS_ONLY": CONVERSATIONS_ONLY,
        **variables,
    }
    command = ["make", "--no-print-directory", target, *(f"{k}={v}" for k, v in settings.items())]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1800)


@dataclass
class Traffic:
    """Applicants writing continuously through the REST channel, each waiting for its reply."""

    assistant: Assistant
    clients: int = 2
    sent: int = 0
    failures: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def _client(self, n: int) -> None:
        questions = ["Quel est le budget ?", "Wat is de uiterste datum?", "Qui peut participer ?"]
        while not self._stop.is_set():
            text = questions[self.sent % len(questions)]
            try:
                replies = self.assistant.say(f"traffic-{n}", text)
                if not any(r.get("text") for r in replies):
                    self.failures.append(f"empty reply to {text!r}")
            except Exception as error:  # every failure is the finding
                self.failures.append(f"{text!r}: {error!r}")
            self.sent += 1

    def __enter__(self) -> Traffic:
        self._threads = [threading.Thread(target=self._client, args=(n,)) for n in range(self.clients)]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        time.sleep(2)  # still writing after the swap
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=90)


def _models_that_answered(assistant: Assistant, sender: str) -> list[str]:
    """The model id Rasa wrote on each user event of a conversation, in order."""
    url = f"http://127.0.0.1:{assistant.rasa_port}/conversations/{sender}/tracker?token={TOKEN}"
    with urllib.request.urlopen(url, timeout=30) as response:
        events = json.load(response)["events"]
    return [e["metadata"].get("model_id") for e in events if e["event"] == "user"]


def test_make_train_puts_a_new_model_live_under_traffic_and_rollback_undoes(live: Assistant, tmp_path: Path) -> None:
    models = _models(tmp_path)
    old = model_info(models / "current.tar.gz").model_id
    server = RasaHttp(f"http://127.0.0.1:{live.rasa_port}", TOKEN)
    assert server.status().model_id == old
    with Traffic(live) as traffic:
        result = make("train", live, tmp_path, MODELS_DIR=str(models), FORCE="1")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "Held-out messages: live fr" in output and "Conversation tests: live fr" in output
    assert "Accepted" in output and "(no restart)" in output
    new = model_info(models / "current.tar.gz").model_id
    assert new != old and model_info(models / "previous.tar.gz").model_id == old
    assert server.status().model_id == new
    assert traffic.failures == [] and traffic.sent >= 20, (traffic.sent, traffic.failures[:5])
    answered_by = _models_that_answered(live, "traffic-0") + _models_that_answered(live, "traffic-1")
    assert old in answered_by and new in answered_by  # the same conversations, before and after the swap
    desk = Desk(make_engine(f"sqlite:///{tmp_path / 'bot.db'}"))
    release = desk.release(new)
    assert release is not None and release.status == "live" and release.holdout["fr"][1] > 0
    desk.dispose()

    rolled = make("rollback", live, tmp_path, MODELS_DIR=str(models))
    assert rolled.returncode == 0, rolled.stdout + rolled.stderr
    assert server.status().model_id == old
    assert model_info(models / "current.tar.gz").model_id == old


def _without(nlu: Path, language: str, intent: str) -> int:
    """Remove one intent's examples from one language's training data; how many went."""
    removed = 0
    for path in (nlu / language).glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kept = [block for block in data["nlu"] if block.get("intent") != intent]
        removed += len(data["nlu"]) - len(kept)
        data["nlu"] = kept
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return removed


def test_a_worse_candidate_is_refused_and_the_live_model_stays(live: Assistant, tmp_path: Path) -> None:
    models = _models(tmp_path)
    before = (models / "current.tar.gz").read_bytes()
    old = model_info(models / "current.tar.gz").model_id
    nlu = tmp_path / "nlu"
    shutil.copytree(PROJECT_ROOT / "data" / "nlu", nlu)
    assert _without(nlu, "fr", "ask_deadline") >= 1
    result = make("train", live, tmp_path, MODELS_DIR=str(models), NLU_DATA=str(nlu))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-4000:]
    assert "REFUSED" in output and "held-out messages fr" in output, output[-4000:]
    assert "- 'il reste combien de jours pour rentrer un dossier'" in output  # the broken case, shown
    assert (models / "current.tar.gz").read_bytes() == before and not (models / "previous.tar.gz").exists()
    assert RasaHttp(f"http://127.0.0.1:{live.rasa_port}", TOKEN).status().model_id == old
    desk = Desk(make_engine(f"sqlite:///{tmp_path / 'bot.db'}"))
    refused = [r for r in desk.releases() if r.status == "refused"]
    assert len(refused) == 1 and refused[0].reason.startswith("held-out messages fr")
    desk.dispose()
