"""Editing a data file the NLU components read changes their cache fingerprint."""

from pathlib import Path

import pytest

from bot.rasa_plugins.fingerprint import code_fingerprint, data_fingerprint


def test_the_fingerprint_follows_the_vocabulary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    (tmp_path / "vocabulary").mkdir()
    vocabulary = tmp_path / "vocabulary" / "fr.yml"
    vocabulary.write_text("technologies:\n  vr: [réalité virtuelle]\n", encoding="utf-8")
    before = data_fingerprint("vocabulary/fr.yml")
    assert data_fingerprint("vocabulary/fr.yml") == before
    vocabulary.write_text("technologies:\n  vr: [réalité virtuelle, casque vr]\n", encoding="utf-8")
    assert data_fingerprint("vocabulary/fr.yml") != before


def test_the_code_fingerprint_covers_every_source_of_a_package() -> None:
    whole = code_fingerprint("text")
    assert whole == code_fingerprint("text")
    assert whole != code_fingerprint("text/normalize.py")  # the package hashes all its modules
    assert code_fingerprint("text", "rasa_plugins/lemma_tokenizer.py") != whole
