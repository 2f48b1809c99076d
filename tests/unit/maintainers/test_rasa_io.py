"""Reading Rasa's wire format: tracker JSON, model archives, the HTTP API's status."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from bot.rasa_io.http_api import ServerStatus
from bot.rasa_io.model_archive import model_info
from bot.rasa_io.tracker_json import answered_message

EVENTS = [
    {"event": "user", "text": "Bonjour", "metadata": {"message_id": "m1"}, "timestamp": 1.0},
    {"event": "bot", "text": "Bonjour !"},
    {"event": "user", "text": "Le budget ?", "timestamp": 2.5, "metadata": {"message_id": "m2", "language": "fr"},
     "parse_data": {"intent": {"name": "ask_budget", "confidence": 0.91}, "language": {"detected": None}}},
    {"event": "action", "name": "action_answer"},
    {"event": "bot", "text": "400.000 €"},
    {"event": "bot", "text": "Autre chose ?"},
    {"event": "user", "text": "merci", "metadata": {"message_id": "m3"}},
    {"event": "bot", "text": "De rien."},
]  # fmt: skip


def test_the_answered_message_is_found_by_the_page_message_id() -> None:
    found = answered_message(EVENTS, "m2")
    assert found is not None
    assert (found.intent, found.confidence, found.language) == ("ask_budget", 0.91, "fr")  # the page's language
    assert (found.question, found.answer, found.event_timestamp) == ("Le budget ?", "400.000 €\nAutre chose ?", 2.5)
    assert answered_message(EVENTS, "nope") is None
    assert answered_message("not a list", "m2") is None
    odd = answered_message([{"event": "user", "metadata": {"message_id": "x"}, "parse_data": "?"}, 7], "x")
    assert odd is not None and odd.intent is None and odd.answer is None


def _archive(path: Path, metadata: object) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        data = json.dumps(metadata).encode()
        info = tarfile.TarInfo("metadata.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


def test_model_archives_say_their_id_and_training_time(tmp_path: Path) -> None:
    info = model_info(_archive(tmp_path / "m.tar.gz", {"model_id": "abc", "trained_at": "2026-12-01T09:17:50"}))
    assert info.model_id == "abc" and info.trained_at is not None and info.trained_at.tzinfo is not None
    with pytest.raises(ValueError, match="no id"):
        model_info(_archive(tmp_path / "n.tar.gz", {"trained_at": "x"}))
    (tmp_path / "bad.tar.gz").write_text("not a model")
    with pytest.raises(ValueError, match="not a readable"):
        model_info(tmp_path / "bad.tar.gz")


def test_server_status_reads_odd_replies_as_unknown() -> None:
    assert ServerStatus.from_json({"model_id": "abc", "model_file": "current.tar.gz"}).model_id == "abc"
    assert ServerStatus.from_json({"model_id": ""}) == ServerStatus(None, None)
    assert ServerStatus.from_json(["x"]) == ServerStatus(None, None)
