"""Editing a data file the NLU components read changes their cache fingerprint."""

from pathlib import Path

import pytest

from bot.rasa_plugins.fingerprint import data_fingerprint


def test_the_fingerprint_follows_the_vocabulary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    (tmp_path / "vocabulary").mkdir()
    vocabulary = tmp_path / "vocabulary" / "fr.yml"
    vocabulary.write_text("technologies:\n  vr: [réalité virtuelle]\n", encoding="utf-8")
    before = data_fingerprint("vocabulary/fr.yml")
    assert data_fingerprint("vocabulary/fr.yml") == before
    vocabulary.write_text("technologies:\n  vr: [réalité virtuelle, casque vr]\n", encoding="utf-8")
    assert data_fingerprint("vocabulary/fr.yml") != before
