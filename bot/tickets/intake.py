"""The applicant side of the desk: opening tickets (never lost, never duplicated) and finding them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.tickets import validation
from bot.tickets.base import DATABASE_UNAVAILABLE, DeskBase
from bot.tickets.convert import ticket_view
from bot.tickets.models import Ticket
from bot.tickets.references import new_reference, normalise_reference
from bot.tickets.states import ReplyChannel, TicketStatus
from bot.tickets.views import TicketView

log = logging.getLogger(__name__)
_INSERT_ATTEMPTS = 5


@dataclass(frozen=True)
class TicketRequest:
    """What the assistant knows when it hands a question over to staff.

    Attributes:
        idempotency_key: Same key, same ticket: a retried or repeated action does not
            open a second one (e.g. conversation id + the event's timestamp).
        contact_email: Only if the applicant consented to be contacted by e-mail.
        reply_channel: a ReplyChannel value.
    """

    idempotency_key: str
    conversation_id: str
    language: str
    question: str
    contact_email: str | None
    reply_channel: str


def checked(request: TicketRequest) -> TicketRequest:
    """The request with its fields validated and stripped.

    Raises:
        ValueError: A field is missing, too long or not one of the allowed values.
    """
    channel = validation.reply_channel(request.reply_channel)
    contact = validation.email(request.contact_email, "contact e-mail address") if request.contact_email else None
    if channel == ReplyChannel.EMAIL and contact is None:
        raise ValueError("a reply by e-mail needs a contact e-mail address")
    return TicketRequest(
        idempotency_key=validation.text(request.idempotency_key, "idempotency key", validation.MAX_KEY_CHARS),
        conversation_id=validation.text(
            request.conversation_id, "conversation id", validation.MAX_CONVERSATION_ID_CHARS
        ),
        language=validation.language(request.language),
        question=validation.text(request.question, "question"),
        contact_email=contact,
        reply_channel=channel,
    )


def _to_record(request: TicketRequest, reference: str, created_at: datetime) -> dict[str, Any]:
    return {
        "idempotency_key": request.idempotency_key,
        "reference": reference,
        "conversation_id": request.conversation_id,
        "language": request.language,
        "question": request.question,
        "contact_email": request.contact_email,
        "reply_channel": request.reply_channel,
        "created_at": created_at.isoformat(),
    }


def _from_record(record: dict[str, Any]) -> tuple[TicketRequest, str, datetime]:
    request = TicketRequest(
        idempotency_key=record["idempotency_key"],
        conversation_id=record["conversation_id"],
        language=record["language"],
        question=record["question"],
        contact_email=record["contact_email"],
        reply_channel=record["reply_channel"],
    )
    return request, record["reference"], datetime.fromisoformat(record["created_at"])


# What a ticket copies from the applicant's request.
_COPIED = ("language", "question", "conversation_id", "contact_email", "reply_channel")


def _copied(request: TicketRequest) -> dict[str, Any]:
    return {name: getattr(request, name) for name in _COPIED}


def _pending_view(record: dict[str, Any]) -> TicketView:
    request, reference, created_at = _from_record(record)
    return TicketView(
        reference=reference,
        **_copied(request),
        status=TicketStatus.OPEN,
        assignee_email=None,
        created_at=created_at,
        updated_at=created_at,
        pending=True,
    )


class IntakeMixin(DeskBase):
    """Opening and finding tickets; what the action server calls."""

    def open_ticket(self, request: TicketRequest) -> TicketView:
        """Open a ticket, or return the one already opened with the same idempotency key.

        If the database is unreachable, the request goes to the spool and the returned
        view has ``pending=True``, with the reference the ticket will keep.

        Raises:
            ValueError: The request is malformed (see `checked`).
            OSError: Neither the database nor the spool folder can be written.
        """
        request = checked(request)
        self.flush_spool()
        spooled = self.spool.get(request.idempotency_key)
        if spooled is not None:  # still waiting for the database since an earlier call
            return _pending_view(spooled)
        reference, now = new_reference(), self._now()
        try:
            return self._insert(request, reference, now)
        except DATABASE_UNAVAILABLE as error:
            log.warning("ticket database unreachable (%s): ticket %s spooled", type(error).__name__, reference)
            return _pending_view(self.spool.put(request.idempotency_key, _to_record(request, reference, now)))

    def flush_spool(self) -> int:
        """Write the spooled tickets to the database, keeping their references.

        Idempotent: a request whose key is already in the database is not written twice.
        Stops quietly at the first sign that the database is still unreachable.

        Returns:
            How many spooled requests reached the database and left the spool.
        """
        flushed = 0
        for record in self.spool.records():
            try:
                request, reference, created_at = _from_record(record)
                request = checked(request)
            except (KeyError, TypeError, ValueError):
                log.error("malformed spool record left in place for a human to inspect")
                continue
            try:
                view = self._insert(request, reference, created_at)
            except DATABASE_UNAVAILABLE:
                break
            self.spool.remove(request.idempotency_key)
            flushed += 1
            if view.reference != reference:
                log.error("spooled ticket %s was stored as %s (same key, earlier ticket)", reference, view.reference)
        if flushed:
            log.info("%d spooled ticket(s) written to the database", flushed)
        return flushed

    def find(self, reference: str) -> TicketView | None:
        """The ticket with this reference (case, spaces and dashes ignored), or None."""
        canonical = normalise_reference(reference)
        if canonical is None:
            return None
        try:
            with self._sessions() as session:
                ticket = session.scalar(select(Ticket).where(Ticket.reference == canonical))
                if ticket is not None:
                    return ticket_view(ticket)
        except DATABASE_UNAVAILABLE as error:
            log.warning("ticket database unreachable (%s): looking in the spool", type(error).__name__)
        for record in self.spool.records():
            if record.get("reference") == canonical:
                return _pending_view(record)
        return None

    def for_conversation(self, conversation_id: str) -> list[TicketView]:
        """The tickets opened from a conversation, oldest first, spooled ones included."""
        views: list[TicketView] = []
        try:
            with self._sessions() as session:
                rows = session.scalars(
                    select(Ticket)
                    .where(Ticket.conversation_id == conversation_id)
                    .order_by(Ticket.created_at, Ticket.id)
                )
                views = [ticket_view(ticket) for ticket in rows]
        except DATABASE_UNAVAILABLE as error:
            log.warning("ticket database unreachable (%s): looking in the spool", type(error).__name__)
        known = {view.reference for view in views}
        for record in self.spool.records():
            if record.get("conversation_id") == conversation_id and record.get("reference") not in known:
                views.append(_pending_view(record))
        return sorted(views, key=lambda view: view.created_at)

    def _insert(self, request: TicketRequest, reference: str, created_at: datetime) -> TicketView:
        # The unique key decides under a race: the loser's IntegrityError sends it back
        # to read the winner's ticket. A reference already taken (1 in 10^12) is redrawn.
        for _ in range(_INSERT_ATTEMPTS):
            try:
                with self._sessions.begin() as session:
                    existing = session.scalar(select(Ticket).where(Ticket.idempotency_key == request.idempotency_key))
                    if existing is not None:
                        return ticket_view(existing)
                    if session.scalar(select(Ticket.id).where(Ticket.reference == reference)) is not None:
                        reference = new_reference()
                    ticket = Ticket(
                        reference=reference,
                        idempotency_key=request.idempotency_key,
                        **_copied(request),
                        status=TicketStatus.OPEN,
                        created_at=created_at,
                        updated_at=created_at,
                    )
                    session.add(ticket)
                    session.flush()
                    self._audit(session, None, "ticket_opened", f"language={request.language}", ticket=ticket)
                    view = ticket_view(ticket)
                return view
            except IntegrityError:
                continue
        raise RuntimeError("could not store the ticket after several attempts")
