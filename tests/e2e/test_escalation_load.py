"""Escalation under load and with the ticket database down, through the real servers."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from bot.tickets.db import make_engine, upgrade
from bot.tickets.models import Ticket
from bot.tickets.service import Desk
from tests.e2e.conftest import Assistant, start_assistant

APPLICANTS = 50


def escalate(assistant: Assistant, sender: str, question: str) -> str:
    assistant.text(sender, "je voudrais parler à quelqu'un de l'équipe")
    assistant.text(sender, question)
    return assistant.text(sender, "ici dans le chat")


def test_fifty_applicants_escalating_at_once_give_fifty_tickets(assistant: Assistant) -> None:
    run = uuid.uuid4().hex[:6]
    senders = [f"load-{run}-{i}" for i in range(APPLICANTS)]
    with ThreadPoolExecutor(APPLICANTS) as pool:
        replies = list(
            pool.map(lambda s: escalate(assistant, s, f"Question numéro {s} sur les frais éligibles"), senders)
        )
    assert all("NT-" in reply for reply in replies), [r for r in replies if "NT-" not in r][:3]
    engine = create_engine(assistant.database_url)
    with Session(engine) as session:
        count = session.scalar(select(func.count()).select_from(Ticket).where(Ticket.conversation_id.in_(senders)))
        references = set(session.scalars(select(Ticket.reference).where(Ticket.conversation_id.in_(senders))))
    engine.dispose()
    assert count == APPLICANTS and len(references) == APPLICANTS


def test_with_the_database_down_the_question_is_kept_and_written_later(tmp_path: Path) -> None:
    database = tmp_path / "later" / "bot.db"  # its folder does not exist yet: unreachable
    running = start_assistant(tmp_path, f"sqlite:///{tmp_path / 'tracker.db'}", f"sqlite:///{database}")
    try:
        reply = escalate(running, "down-1", "Les frais de déplacement sont-ils éligibles ?")
        assert "momentanément indisponible" in reply and "NT-" in reply
        spooled = list((tmp_path / "spool").glob("*.json"))
        assert len(spooled) == 1
        assert "frais de déplacement" in str(json.loads(spooled[0].read_text(encoding="utf-8")))
        # The database comes back: the spooled ticket is written, once.
        database.parent.mkdir()
        upgrade(f"sqlite:///{database}")
        desk = Desk(make_engine(f"sqlite:///{database}"), tmp_path / "spool")
        assert desk.flush_spool() == 1
        [ticket] = desk.for_conversation("down-1")
        assert ticket.reference in reply and not ticket.pending
        assert desk.flush_spool() == 0
    finally:
        running.stop()
