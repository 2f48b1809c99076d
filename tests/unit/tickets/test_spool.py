"""The spool folder: atomic files, first writer wins, nothing outside the folder."""

from __future__ import annotations

from pathlib import Path

from bot.tickets.spool import Spool


def test_put_get_remove(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool")
    assert spool.get("k") is None and list(spool.records()) == []
    assert spool.put("k", {"reference": "NT-1"}) == {"reference": "NT-1"}
    assert spool.get("k") == {"reference": "NT-1"}
    assert list(spool.records()) == [{"reference": "NT-1"}]
    spool.remove("k")
    spool.remove("k")  # twice is harmless (two flushes racing)
    assert spool.get("k") is None


def test_first_record_for_a_key_wins(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool.put("k", {"reference": "NT-1"})
    assert spool.put("k", {"reference": "NT-2"}) == {"reference": "NT-1"}
    assert [record["reference"] for record in spool.records()] == ["NT-1"]


def test_keys_do_not_shape_paths_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool")
    spool.put("../../etc/passwd", {"reference": "NT-1"})
    files = list((tmp_path / "spool").iterdir())
    assert len(files) == 1 and files[0].suffix == ".json" and len(files[0].stem) == 64
    assert not list(tmp_path.glob("*.json"))


def test_unreadable_file_is_skipped_not_fatal(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool.put("good", {"reference": "NT-1"})
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert [record["reference"] for record in spool.records()] == ["NT-1"]


def test_files_are_private(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool.put("k", {"contact_email": "a@b.be"})
    (path,) = tmp_path.glob("*.json")
    assert path.stat().st_mode & 0o077 == 0
