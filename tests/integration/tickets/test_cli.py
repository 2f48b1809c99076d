"""The `bot` command, run as a separate process against a temporary SQLite database."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.rasa_io.tracker_json import AnsweredMessage
from bot.tickets.annotations import NewAnnotation
from bot.tickets.db import make_engine
from bot.tickets.service import Desk
from tests.integration.tickets.test_intake import request
from tests.support_tracker import TrackerWriter, Turn

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of the command: its own database, spool and outbox."""
    values = dict(os.environ)
    values.pop("SMTP_HOST", None)
    values.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}",
        TICKET_SPOOL_DIR=str(tmp_path / "spool"),
        MAIL_OUTBOX_DIR=str(tmp_path / "outbox"),
        TRACKER_STORE_URL=f"sqlite:///{tmp_path / 'tracker.db'}",  # never the project's own
    )
    return values


def bot(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run `python -m bot ARGS`."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def _desk(env: dict[str, str]) -> Desk:
    return Desk(make_engine(env["DATABASE_URL"]), Path(env["TICKET_SPOOL_DIR"]))


def test_staff_accounts_from_the_command_line(env: dict[str, str]) -> None:
    refused = bot(env, "staff", "add", "admin@example.be", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    assert refused.returncode == 1 and "bot db upgrade" in refused.stderr  # not upgraded yet

    assert bot(env, "db", "upgrade").returncode == 0
    added = bot(env, "staff", "add", "Admin@Example.be", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert "admin@example.be" in added.stdout
    assert PASSWORD not in added.stdout + added.stderr

    again = bot(env, "staff", "add", "admin@example.be", "--role", "staff", "--password-stdin", stdin=PASSWORD)
    assert again.returncode == 1 and "already exists" in again.stderr
    weak = bot(env, "staff", "add", "weak@example.be", "--role", "staff", "--password-stdin", stdin="short\n")
    assert weak.returncode == 1 and "at least 12" in weak.stderr
    assert bot(env, "staff", "add", "x@example.be", "--role", "root", "--password-stdin").returncode == 2

    listing = bot(env, "staff", "list")
    assert listing.returncode == 0 and "admin@example.be" in listing.stdout and "active" in listing.stdout
    assert "weak@example.be" not in listing.stdout

    desk = _desk(env)
    try:
        assert desk.authenticate("admin@example.be", PASSWORD) is not None
        assert bot(env, "staff", "disable", "admin@example.be").returncode == 0
        assert "disabled" in bot(env, "staff", "list").stdout
        assert desk.authenticate("admin@example.be", PASSWORD) is None
        assert bot(env, "staff", "enable", "admin@example.be").returncode == 0
        new = "a brand new passphrase"
        reset = bot(env, "staff", "reset-password", "admin@example.be", "--password-stdin", stdin=new)
        assert reset.returncode == 0, reset.stderr
        assert desk.authenticate("admin@example.be", new) is not None
        assert bot(env, "staff", "disable", "nobody@example.be").returncode == 1
        actions = [entry.action for entry in desk.audit_log()]
        assert actions == ["password_reset", "staff_enabled", "staff_disabled", "staff_added"]
    finally:
        desk.dispose()


def test_purge_and_mail_delivery_from_the_command_line(env: dict[str, str]) -> None:
    assert bot(env, "db", "upgrade").returncode == 0
    desk = _desk(env)
    try:
        staff = desk.add_staff("agent@example.be", PASSWORD, "staff")
        ticket = desk.open_ticket(request("k", language="nl"))
        desk.reply(ticket.reference, staff.id, "Ja, een kmo mag meedoen.")
    finally:
        desk.dispose()
    delivered = bot(env, "mail", "deliver")
    assert delivered.returncode == 0, delivered.stderr
    assert "1 reply e-mail(s) sent" in delivered.stdout
    assert len(list(Path(env["MAIL_OUTBOX_DIR"]).glob("*.eml"))) == 1
    purged = bot(env, "purge", "--older-than", "30")
    assert purged.returncode == 0 and "0 closed ticket" in purged.stdout
    assert bot(env, "purge", "--older-than", "-1").returncode == 2
    flushed = bot(env, "spool", "flush")
    assert flushed.returncode == 0 and "0 left" in flushed.stdout


def test_purge_writes_the_spool_first_and_empties_the_outbox(env: dict[str, str], tmp_path: Path) -> None:
    assert bot(env, "db", "upgrade").returncode == 0
    unreachable = Desk(make_engine(f"sqlite:///{tmp_path / 'no-such-folder' / 'x.db'}"), Path(env["TICKET_SPOOL_DIR"]))
    assert unreachable.open_ticket(request("spooled")).pending  # kept in the spool, address included
    unreachable.dispose()
    outbox = Path(env["MAIL_OUTBOX_DIR"])
    outbox.mkdir()
    (outbox / "old.eml").write_text("To: jeanne@exemple.be\n")
    purged = bot(env, "purge", "--older-than", "0")
    assert purged.returncode == 0, purged.stderr
    assert "1 spooled ticket(s) written to the database first, 0 left" in purged.stdout
    assert "1 reply e-mail file(s) removed" in purged.stdout and not list(outbox.iterdir())
    assert "0 conversation(s) idle for more than 0 days removed from sqlite:///" in purged.stdout
    assert not list(Path(env["TICKET_SPOOL_DIR"]).glob("*.json"))


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "bot"
    assert script.is_file(), "run `make venvs` (pip install -e . --no-deps) to install the `bot` command"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "staff" in result.stdout


def test_purge_removes_the_votes_of_purged_conversations(env: dict[str, str], tmp_path: Path) -> None:
    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    writer = TrackerWriter.at(tracker_url)
    writer.conversation("old", 1_000_000.0, [Turn("Quel est le budget ?", "ask_budget", message_id="m1")])
    writer.conversation("recent", 4e9, [Turn("Et la date limite ?", "ask_deadline", message_id="m2")])
    writer.dispose()
    assert bot(env, "db", "upgrade").returncode == 0
    desk = _desk(env)
    for conversation, message in (("old", "m1"), ("recent", "m2")):
        desk.record_feedback(conversation, message, False, AnsweredMessage(intent="ask_budget"))
    maintainer = desk.add_staff("maintainer@example.org", PASSWORD, "maintainer")
    desk.annotate(maintainer.id, NewAnnotation("fr", "le budget", "le budget", "ask_budget", conversation_id="old"))
    purged = bot({**env, "TRACKER_STORE_URL": tracker_url}, "purge", "--older-than", "30")
    assert purged.returncode == 0, purged.stderr
    assert "1 conversation(s)" in purged.stdout and "1 'was this helpful?' vote(s)" in purged.stdout
    ever = datetime(1970, 1, 1, tzinfo=timezone.utc), datetime(2200, 1, 1, tzinfo=timezone.utc)
    assert [v.conversation_id for v in desk.not_helpful(*ever)] == ["recent"]
    assert [a.text for a in desk.all_annotations()] == ["le budget"]  # kept, unlinked from the conversation
    desk.dispose()
