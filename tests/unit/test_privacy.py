"""Purging conversations when no tracker store exists yet is a no-op, not an error."""

from pathlib import Path

from bot.privacy import purge_conversations


def test_no_tracker_store_yet_means_nothing_to_purge(tmp_path: Path) -> None:
    missing = tmp_path / "var" / "tracker.db"
    assert purge_conversations(f"sqlite:///{missing}", 30) == 0
    assert not missing.exists()
