"""`bot purge` run as the README shows: afterwards no store holds the applicant's address.

An applicant leaves an e-mail address through the real servers, staff reply (an .eml
file in the outbox) and close the ticket; `bot purge --older-than 0` then runs with only
the settings a maintainer has. Every file of every store, and the servers' logs, are
searched byte for byte.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from sqlalchemy import make_url

from bot.mail.folder import FolderMailer
from bot.paths import PROJECT_ROOT
from bot.tickets.db import make_engine
from bot.tickets.service import Desk
from tests.e2e.conftest import Assistant


def sqlite_files(url: str) -> list[Path]:
    database = Path(make_url(url).database or "")
    return [p for p in (database, Path(f"{database}-wal"), Path(f"{database}-journal")) if p.exists()]


def holding(address: bytes, paths: list[Path]) -> list[str]:
    files = [f for p in paths for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file()]
    return [str(f) for f in files if address in f.read_bytes()]


def test_after_a_purge_no_store_holds_the_applicants_address(assistant: Assistant, sender: str, tmp_path: Path) -> None:
    address = f"jeanne.{secrets.token_hex(4)}@exemple.be"
    assistant.text(sender, "Quel est le taux de cofinancement demandé ?")
    assistant.text(sender, "oui")
    assistant.text(sender, "oui")
    assistant.text(sender, "par e-mail")
    assert "NT-" in assistant.text(sender, address)

    outbox, spool = tmp_path / "outbox", assistant.logs / "spool"
    desk = Desk(make_engine(assistant.database_url), spool)
    try:
        [ticket] = [t for t in desk.queue(status="open") if t.conversation_id == sender]
        staff = desk.add_staff(f"agent.{secrets.token_hex(4)}@example.org", "correct horse battery", "staff")
        desk.reply(ticket.reference, staff.id, f"Bonjour, nous vous écrivons à {address}.")
        from bot.mail import deliver_pending

        assert deliver_pending(desk, FolderMailer(outbox)) == 1
        desk.close(ticket.reference, staff.id)
    finally:
        desk.dispose()
    stores = [*sqlite_files(assistant.tracker_store_url), *sqlite_files(assistant.database_url), outbox, spool]
    assert holding(address.encode(), stores), "the test must first see the address somewhere"

    env = {k: v for k, v in os.environ.items() if k not in {"TRACKER_STORE_URL", "MAIL_OUTBOX_DIR"}}
    env.update(
        DATABASE_URL=assistant.database_url,
        TRACKER_STORE_URL=assistant.tracker_store_url,
        MAIL_OUTBOX_DIR=str(outbox),
        TICKET_SPOOL_DIR=str(spool),
    )
    purged = subprocess.run(
        [sys.executable, "-m", "bot", "purge", "--older-than", "0"],
        env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert purged.returncode == 0, purged.stderr
    assert "1 reply e-mail file(s) removed" in purged.stdout and "removed from sqlite" in purged.stdout

    logs = [assistant.logs / "rasa.log", assistant.logs / "actions.log"]
    assert holding(address.encode(), [*stores, *logs]) == []
    assert not any(e.get("event") == "user" for e in assistant.tracker(sender)["events"])
