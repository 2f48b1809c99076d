"""Where `bot purge` looks by default, and which outbox files it removes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT
from bot.privacy import default_tracker_store_url, purge_outbox
from bot.settings import bot_settings


def test_the_tracker_store_is_purged_where_make_run_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    assert default_tracker_store_url() == f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.db'}"
    monkeypatch.setenv("TRACKER_STORE_URL", "postgresql://u@db/rasa")
    bot_settings.cache_clear()  # read once per process: read again
    assert default_tracker_store_url() == "postgresql://u@db/rasa"


def test_outbox_files_older_than_the_retention_go(tmp_path: Path) -> None:
    old, new, other = tmp_path / "old.eml", tmp_path / "new.eml", tmp_path / "notes.txt"
    for path in (old, new, other):
        path.write_text("To: jeanne@exemple.be")
    ten_days_ago = time.time() - 10 * 86400
    os.utime(old, (ten_days_ago, ten_days_ago))
    assert purge_outbox(tmp_path, 7) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.eml", "notes.txt"]
    assert purge_outbox(tmp_path / "missing", 7) == 0
