"""Candidate against live, in the same run on the same cases: the held-out messages
(tests/data/holdout_intents.yml, never trained on) and the conversation tests.

Both models are served by one temporary Rasa server (and action server) on free loopback
ports, with a tracker store and a ticket database of their own: the live assistant's
conversations and tickets are never touched. The model is switched with `PUT /model`.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.credentials import ephemeral
from bot.paths import PROJECT_ROOT
from bot.processes import APP_PYTHON, action_server, rasa_server
from bot.rasa_io.http_api import RasaHttp
from bot.tickets.releases import Scores

RUNNER = PROJECT_ROOT / "scripts" / "evaluate_conversations.py"


def free_port() -> int:
    """A TCP port free on loopback now, for the evaluation's own servers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Holdout:
    """Held-out messages per language: (right, total), and each message's prediction."""

    scores: Scores
    predictions: dict[str, str] = field(default_factory=dict)  # text -> intent


@dataclass(frozen=True)
class Conversations:
    """Conversation tests: (passed, total) per language and the ids that failed."""

    scores: Scores
    failed: frozenset[str] = frozenset()


@contextmanager
def evaluation_server(model: Path, work: Path) -> Iterator[RasaHttp]:
    """A throwaway Rasa server (with its action server) serving `model`."""
    rasa_port, actions_port = free_port(), free_port()
    env = {
        "DATABASE_URL": f"sqlite:///{work / 'tickets.db'}",
        "TICKET_SPOOL_DIR": str(work / "spool"),
        "MAIL_OUTBOX_DIR": str(work / "outbox"),
    }
    actions = action_server(actions_port, log=work / "actions.log", env=env)
    rasa = rasa_server(rasa_port, actions_port, f"sqlite:///{work / 'tracker.db'}", model=model.resolve(),
                       log=work / "rasa.log", env=env)  # fmt: skip
    try:
        actions.start()
        rasa.start()
        actions.wait_ready()
        rasa.wait_ready(timeout=300)
        yield RasaHttp(f"http://127.0.0.1:{rasa_port}", ephemeral().rasa_token, timeout=60)
    finally:
        rasa.stop()
        actions.stop()


def holdout_cases(path: Path) -> dict[str, list[dict[str, str]]]:
    """The held-out messages by language (the candidate and the live model are scored on them)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(lang): list(items) for lang, items in data.items()}


def score_holdout(server: RasaHttp, cases: dict[str, list[dict[str, str]]]) -> Holdout:
    """Classify every held-out message with the model the server has loaded."""
    scores, predictions = {}, {}
    for lang, items in cases.items():
        right = 0
        for case in items:
            predicted = server.parse(case["text"]).intent
            predictions[case["text"]] = predicted
            right += predicted == case["intent"]
        scores[lang] = (right, len(items))
    return Holdout(scores, predictions)


def _language_of(result: dict[str, Any]) -> str:
    for key in ("lang", "language"):
        if isinstance(result.get(key), str):
            return str(result[key])
    return str(result.get("id", "?")).split("-")[0]


def read_conversation_results(data: Any) -> Conversations:
    """The runner's `--json` output: per-conversation results with an id and a pass/fail."""
    if isinstance(data, dict):
        data = next((data[k] for k in ("conversations", "results", "cases") if isinstance(data.get(k), list)), [])
    scores: dict[str, list[int]] = {}
    failed = set()
    for result in data if isinstance(data, list) else []:
        if not isinstance(result, dict):
            continue
        passed = bool(next((result[k] for k in ("passed", "pass", "ok") if k in result), False))
        tally = scores.setdefault(_language_of(result), [0, 0])
        tally[0] += passed
        tally[1] += 1
        if not passed:
            failed.add(str(result.get("id", "?")))
    return Conversations({lang: (p, t) for lang, (p, t) in sorted(scores.items())}, frozenset(failed))


def run_conversations(server: RasaHttp, files: tuple[Path, ...], only: str, work: Path, name: str) -> Conversations:
    """Run the conversation tests (scripts/evaluate_conversations.py) against the server."""
    out = work / f"conversations-{name}.json"
    command = [str(APP_PYTHON), str(RUNNER), *map(str, files), "--url", server.base_url, "--json", str(out)]
    if only:
        command += ["--only", only]
    result = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=3600)
    if not out.exists():
        raise RuntimeError(f"the conversation tests did not run: {result.stderr.strip()[-800:]}")
    return read_conversation_results(json.loads(out.read_text(encoding="utf-8")))


def conversations_available(files: tuple[Path, ...]) -> bool:
    """Whether the conversation test set and its runner are there to be played."""
    return RUNNER.exists() and any(path.exists() for path in files)


def worse(candidate: Scores, live: Scores) -> list[str]:
    """Languages where the candidate gets fewer right than the live model, as sentences."""
    return [
        f"{lang} {candidate.get(lang, (0, total))[0]}/{total} < live {right}/{total}"
        for lang, (right, total) in live.items()
        if candidate.get(lang, (0, total))[0] < right
    ]


def changed_predictions(cases: dict[str, list[dict[str, str]]], live: Holdout, candidate: Holdout) -> list[str]:
    """Held-out messages whose prediction changed: + fixed, - broken."""
    lines = []
    for items in cases.values():
        for case in items:
            before, after = live.predictions.get(case["text"]), candidate.predictions.get(case["text"])
            if before != after:
                mark = "+" if after == case["intent"] else "-" if before == case["intent"] else " "
                lines.append(f"  {mark} {case['text']!r}: {before} -> {after} (expected {case['intent']})")
    return lines


def only_pattern(value: str) -> str:
    """The CONVERSATIONS_ONLY regex, checked here so that a typo fails before training."""
    re.compile(value)
    return value
