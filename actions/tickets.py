"""Tickets for staff: opening one at the end of the hand-off, and "where is my question?".

The ticket desk (bot.tickets) is synchronous SQLAlchemy: it runs in a worker thread so
the action server keeps serving other conversations. It is created on first use, never
at import time (rasa_sdk imports every module under actions/).
"""

from __future__ import annotations

import asyncio
import logging
import re
from functools import cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import memory_of
from actions.handoff_form import DECLINED
from actions.language import reply_language
from actions.replies import clear, send
from bot.answers import handoff
from bot.answers.applicants import told_us
from bot.answers.reply import HANDOFF, Reply
from bot.knowledge import load_knowledge
from bot.rasa_io.transcript import user_events
from bot.tickets.intake import TicketRequest
from bot.tickets.service import Desk
from bot.tickets.states import ReplyChannel

log = logging.getLogger(__name__)
_REFERENCE = re.compile(r"\bNT[-\s]?[0-9A-Za-z]{4}[-\s]?[0-9A-Za-z]{4}\b", re.IGNORECASE)


@cache
def desk() -> Desk:
    """The ticket desk, created on first use."""
    return Desk.from_env()


def idempotency_key(tracker: Tracker) -> str:
    """Same conversation, same message -> same key: a retried action opens no second ticket."""
    users = user_events(tracker.events)
    stamp = users[-1].get("timestamp") if users else None
    return f"{tracker.sender_id}:{stamp}"


class ActionOpenTicket(Action):
    """Opens the ticket once the hand-off form is complete (or says nothing was stored)."""

    def name(self) -> str:
        return "action_open_ticket"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        lang = reply_language(tracker)
        k = load_knowledge(lang)
        # No personal data left in slots; the question is passed on, no longer open.
        done = [*clear(HANDOFF), SlotSet("pending_offer", None), SlotSet("open_question", None)]
        channel = tracker.get_slot("handoff_channel")
        if channel == DECLINED or not tracker.get_slot("handoff_question"):
            send(dispatcher, handoff.cancelled(k))
            return done
        email = tracker.get_slot("handoff_email") if channel == ReplyChannel.EMAIL else None
        context = told_us(k, memory_of(tracker))  # what the applicant said of themselves, for staff
        question = str(tracker.get_slot("handoff_question"))
        request = TicketRequest(
            idempotency_key=idempotency_key(tracker),
            conversation_id=tracker.sender_id,
            language=lang,
            question=f"{question}\n\n{context}" if context else question,
            contact_email=email,
            reply_channel=ReplyChannel.EMAIL if email else ReplyChannel.CHAT,
        )
        ticket = await asyncio.to_thread(desk().open_ticket, request)
        log.info("ticket %s opened (pending=%s)", ticket.reference, ticket.pending)
        send(dispatcher, handoff.ticket_created(k, ticket))
        return done


class ActionTicketStatus(Action):
    """Where the applicant's question stands: by the reference they give, else this conversation's."""

    def name(self) -> str:
        return "action_ticket_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        lang = reply_language(tracker)
        k = load_knowledge(lang)
        text = str(tracker.latest_message.get("text") or "")
        found = _REFERENCE.search(text)
        try:
            send(dispatcher, await asyncio.to_thread(_status, k, tracker.sender_id, found.group(0) if found else None))
        except Exception:  # the database is down: say so, do not go silent
            log.exception("ticket status unavailable")
            send(dispatcher, handoff.status_message(k, "status_unavailable"))
        return [SlotSet("language", lang)]


def _status(k: Any, conversation_id: str, reference: str | None) -> Reply:
    tickets = [t for t in [desk().find(reference)] if t] if reference else desk().for_conversation(conversation_id)
    if reference and not tickets:
        return handoff.status_message(k, "status_unknown", reference=reference.upper())
    if not tickets:
        return handoff.status_message(k, "status_none")
    lines = []
    for ticket in tickets[-3:]:
        detail = None if ticket.pending else desk().detail(ticket.reference)
        last_reply = detail.replies[-1].text if detail and detail.replies else None
        lines.append(handoff.ticket_status(k, ticket, last_reply))
    return Reply("\n".join(lines))
