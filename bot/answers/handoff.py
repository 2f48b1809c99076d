"""Wording of the hand-off to staff: the offer, the questions, the ticket and its status."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.answers.buttons import yes_no
from bot.answers.reply import HANDOFF, Button, Reply
from bot.knowledge import Knowledge
from bot.settings import bot_settings
from bot.tickets.states import ReplyChannel, TicketStatus
from bot.tickets.views import TicketView

# The form's slots and the wording keys of their questions.
QUESTIONS = {
    "handoff_question": "ask_question",
    "handoff_question_ok": "confirm_question",
    "handoff_channel": "consent",
    "handoff_email": "ask_email",
}
REASKS = {"handoff_question": "reask_question", "handoff_channel": "reask_consent", "handoff_email": "reask_email"}


def _wording(k: Knowledge) -> Mapping[str, Any]:
    wording: Mapping[str, Any] = k.wording["handoff"]
    return wording


def offer_handoff(k: Knowledge, text: str, question: str | None, *, key: str = "offer") -> Reply:
    """`text`, then the offer to pass `question` to staff, with Yes/No buttons."""
    offer = str(_wording(k)[key])
    return Reply(f"{text}\n{offer}" if text else offer, yes_no(k), offer=HANDOFF, question=question)


def start_handoff(k: Knowledge, question: str | None) -> Reply:
    """The hand-off begins at once (the applicant asked for a person)."""
    return Reply(str(_wording(k)["start"]), start=HANDOFF, question=question)


def ask(k: Knowledge, slot: str, *, question: str = "") -> Reply:
    """The question that fills `slot`, with its quick replies."""
    w = _wording(k)
    text = str(w[QUESTIONS[slot]]).format(question=question, retention_days=retention_days())
    buttons: list[Button] = []
    if slot == "handoff_question_ok":
        buttons = [yes_no(k)[0], Button(k.wording["buttons"]["cancel"], k.wording["buttons"]["cancel"].lower())]
    elif slot == "handoff_channel":
        buttons = [Button(b["title"], b["payload"]) for b in w["consent_buttons"]]
    return Reply(text, buttons)


def reask(k: Knowledge, slot: str, **values: str) -> str:
    """Said when an answer to `slot` could not be used (the question follows)."""
    return str(_wording(k)[REASKS[slot]]).format(**values)


def cancelled(k: Knowledge) -> Reply:
    """The reply when the applicant declines the hand-off: nothing is stored."""
    return Reply(str(_wording(k)["cancelled"]))


def ticket_created(k: Knowledge, ticket: TicketView) -> Reply:
    """The reference, and how and where the answer will come."""
    w = _wording(k)
    if ticket.pending:
        return Reply(str(w["created_pending"]).format(reference=ticket.reference))
    key = "created_email" if ticket.reply_channel == ReplyChannel.EMAIL and ticket.contact_email else "created_chat"
    return Reply(str(w[key]).format(reference=ticket.reference, email=ticket.contact_email or ""))


def ticket_status(k: Knowledge, ticket: TicketView, last_reply: str | None) -> str:
    """One sentence on where a ticket stands (with staff's reply once answered)."""
    w = _wording(k)
    if ticket.pending:
        return str(w["status_pending"]).format(reference=ticket.reference)
    if ticket.status == TicketStatus.ANSWERED and last_reply:
        return str(w["status_answered"]).format(reference=ticket.reference, reply=last_reply)
    if ticket.status == TicketStatus.CLOSED:
        return str(w["status_closed"]).format(reference=ticket.reference)
    date = k.fmt.date(ticket.created_at.date())
    return str(w["status_open"]).format(reference=ticket.reference, date=date)


def status_message(k: Knowledge, key: str, **values: str) -> Reply:
    """status_none, status_unknown or status_unavailable."""
    return Reply(str(_wording(k)[key]).format(**values))


def retention_days() -> int:
    """How long personal data of a closed ticket is kept (setting PERSONAL_DATA_RETENTION_DAYS)."""
    return bot_settings().retention_days
