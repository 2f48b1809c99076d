"""The staff side of the desk: the queue, assignment, notes, replies, closing, deliveries."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import CursorResult, func, or_, select, update

from bot.tickets import validation
from bot.tickets.base import DeskBase
from bot.tickets.convert import audit_view, note_view, reply_view, ticket_view
from bot.tickets.models import AuditEntry, Note, Reply, Ticket
from bot.tickets.states import UNDELIVERED, DeliveryStatus, TicketStatus, values
from bot.tickets.views import NoteView, ReplyView, TicketDetail, TicketView

MAX_ERROR_CHARS = 1000
DELIVERY_LEASE = timedelta(minutes=10)


class HandlingMixin(DeskBase):
    """What staff do with tickets in the console; every change is audited."""

    def queue(
        self, status: str | None = None, language: str | None = None, assignee_id: int | None = None
    ) -> list[TicketView]:
        """Tickets matching every filter given, oldest first.

        Raises:
            ValueError: Unknown status or language.
        """
        query = select(Ticket).order_by(Ticket.created_at, Ticket.id)
        if status is not None:
            query = query.where(Ticket.status == validation.status(status))
        if language is not None:
            query = query.where(Ticket.language == validation.language(language))
        if assignee_id is not None:
            query = query.where(Ticket.assignee_id == assignee_id)
        with self._sessions() as session:
            return [ticket_view(ticket) for ticket in session.scalars(query)]

    def counts(self) -> dict[str, int]:
        """How many tickets are in each status: ``{"open": n, "answered": n, "closed": n}``."""
        result = dict.fromkeys(values(TicketStatus), 0)
        with self._sessions() as session:
            for status, count in session.execute(select(Ticket.status, func.count()).group_by(Ticket.status)):
                result[status] = count
        return result

    def detail(self, reference: str) -> TicketDetail | None:
        """A ticket with its replies, notes and audit trail, or None if there is no such ticket."""
        with self._sessions() as session:
            try:
                ticket = self._ticket(session, reference)
            except LookupError:
                return None
            replies = session.scalars(select(Reply).where(Reply.ticket_id == ticket.id).order_by(Reply.id))
            notes = session.scalars(select(Note).where(Note.ticket_id == ticket.id).order_by(Note.id))
            audit = session.scalars(
                select(AuditEntry).where(AuditEntry.ticket_id == ticket.id).order_by(AuditEntry.at, AuditEntry.id)
            )
            return TicketDetail(
                ticket=ticket_view(ticket),
                replies=[reply_view(reply) for reply in replies],
                notes=[note_view(note) for note in notes],
                audit=[audit_view(entry) for entry in audit],
            )

    def assign(self, reference: str, staff_id: int, actor_id: int | None = None) -> TicketView:
        """Give the ticket to `staff_id` (by `actor_id`, who defaults to the assignee).

        Raises:
            LookupError: No such ticket or account.
            ValueError: The account is disabled.
        """
        with self._sessions.begin() as session:
            ticket = self._ticket(session, reference)
            assignee = self._acting(session, staff_id)
            actor = self._acting(session, actor_id) if actor_id is not None else assignee
            ticket.assignee = assignee
            ticket.updated_at = self._now()
            session.flush()
            self._audit(session, actor.id, "ticket_assigned", ticket=ticket, account_id=assignee.id)
            return ticket_view(ticket)

    def add_note(self, reference: str, staff_id: int, text: str) -> NoteView:
        """Add an internal note (never sent to the applicant)."""
        text = validation.text(text, "note")
        with self._sessions.begin() as session:
            ticket = self._ticket(session, reference)
            author = self._acting(session, staff_id)
            note = Note(ticket=ticket, author=author, text=text, created_at=self._now())
            session.add(note)
            session.flush()
            self._audit(session, author.id, "note_added", ticket=ticket)
            return note_view(note)

    def reply(self, reference: str, staff_id: int, text: str) -> ReplyView:
        """Answer the applicant; the ticket becomes `answered`.

        The reply is to be e-mailed (delivery ``pending``) when the applicant left an
        address, else ``not_needed`` (shown in the chat).

        Raises:
            ValueError: Empty text, disabled account, or the ticket is closed.
        """
        text = validation.text(text, "reply")
        with self._sessions.begin() as session:
            ticket = self._ticket(session, reference)
            author = self._acting(session, staff_id)
            if ticket.status == TicketStatus.CLOSED:
                raise ValueError("the ticket is closed")
            now = self._now()
            reply = Reply(
                ticket=ticket,
                author=author,
                text=text,
                created_at=now,
                delivery_status=DeliveryStatus.PENDING if ticket.contact_email else DeliveryStatus.NOT_NEEDED,
                delivery_attempts=0,
            )
            session.add(reply)
            ticket.status, ticket.updated_at = TicketStatus.ANSWERED, now
            session.flush()
            self._audit(session, author.id, "reply_sent", f"delivery={reply.delivery_status}", ticket=ticket)
            return reply_view(reply)

    def close(self, reference: str, staff_id: int) -> TicketView:
        """Close the ticket; its personal data can be purged some days later.

        Raises:
            ValueError: Already closed, or disabled account.
        """
        with self._sessions.begin() as session:
            ticket = self._ticket(session, reference)
            actor = self._acting(session, staff_id)
            if ticket.status == TicketStatus.CLOSED:
                raise ValueError("the ticket is already closed")
            now = self._now()
            ticket.status, ticket.closed_at, ticket.updated_at = TicketStatus.CLOSED, now, now
            self._audit(session, actor.id, "ticket_closed", ticket=ticket)
            return ticket_view(ticket)

    def pending_deliveries(self) -> list[tuple[ReplyView, TicketView]]:
        """Replies still to be e-mailed (pending, or failed and to be retried), oldest first.

        Tickets whose contact e-mail was purged are left out: there is nowhere to send.
        """
        query = (
            select(Reply)
            .join(Ticket, Reply.ticket_id == Ticket.id)
            .where(
                Reply.delivery_status.in_(UNDELIVERED),
                Ticket.contact_email.is_not(None),
            )
            .order_by(Reply.id)
        )
        with self._sessions() as session:
            return [(reply_view(reply), ticket_view(reply.ticket)) for reply in session.scalars(query)]

    def mark_delivery(self, reply_id: int, ok: bool, error: str | None = None) -> None:
        """Record one delivery attempt of a reply (sent, or failed with the error).

        Raises:
            LookupError: No such reply.
        """
        with self._sessions.begin() as session:
            reply = session.get(Reply, reply_id)
            if reply is None:
                raise LookupError(f"no reply with id {reply_id}")
            reply.delivery_attempts += 1
            reply.last_attempt_at = self._now()
            reply.claimed_at = None
            reply.delivery_status = DeliveryStatus.SENT if ok else DeliveryStatus.FAILED
            reply.delivery_error = None if ok else (error or "unknown error")[:MAX_ERROR_CHARS]
            detail = f"reply={reply.id} attempt={reply.delivery_attempts}"
            self._audit(session, None, "mail_sent" if ok else "mail_failed", detail, ticket=reply.ticket)

    def claim_delivery(self, reply_id: int, lease: timedelta = DELIVERY_LEASE) -> bool:
        """Take the right to send a reply e-mail now; False if it is sent or someone else holds it.

        Senders (the console after a reply, its periodic retry, `bot mail deliver`) may
        run at once; the conditional update lets exactly one of them send. A claim left
        by a crashed sender expires after `lease`; `mark_delivery` releases it.
        """
        now = self._now()
        claim = (
            update(Reply)
            .where(
                Reply.id == reply_id,
                Reply.delivery_status.in_(UNDELIVERED),
                or_(Reply.claimed_at.is_(None), Reply.claimed_at < now - lease),
            )
            .values(claimed_at=now)
        )
        with self._sessions.begin() as session:
            result = session.execute(claim)
            return isinstance(result, CursorResult) and result.rowcount == 1
