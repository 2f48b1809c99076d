"""The services' credentials: made once, kept readable by their owner only, or from the environment."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot.credentials import ServiceCredentials, load_or_create


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_made_once_with_owner_only_files_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "secrets"
    first = load_or_create(folder, env={})
    assert len(first.rasa_token) >= 40 and len(first.action_secret) >= 40 and first.rasa_token != first.action_secret
    assert mode(folder) == 0o700
    assert mode(folder / "rasa_token") == mode(folder / "action_secret") == 0o600
    (folder / "rasa_token").chmod(0o644)  # e.g. copied carelessly
    assert load_or_create(folder, env={}) == first
    assert mode(folder / "rasa_token") == 0o600


def test_the_environment_wins(tmp_path: Path) -> None:
    given = load_or_create(tmp_path, env={"RASA_TOKEN": "t" * 40, "ACTION_SERVER_SECRET": "s" * 40})
    assert given == ServiceCredentials("t" * 40, "s" * 40)
    assert not any(tmp_path.iterdir())


def test_an_empty_secret_file_is_an_error_not_an_empty_secret(tmp_path: Path) -> None:
    (tmp_path / "rasa_token").write_text("\n")
    with pytest.raises(ValueError, match="empty"):
        load_or_create(tmp_path, env={})


def test_never_printed() -> None:
    credentials = ServiceCredentials.generate()
    assert credentials.rasa_token not in repr(credentials) and credentials.action_secret not in str(credentials)
