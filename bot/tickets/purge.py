"""Removal of applicants' personal data from tickets closed long enough ago."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from bot.tickets.anonymise import anonymise
from bot.tickets.base import DeskBase
from bot.tickets.models import Note, Reply, Ticket
from bot.tickets.states import UNDELIVERED, DeliveryStatus, TicketStatus

log = logging.getLogger(__name__)


class PurgeMixin(DeskBase):
    """The retention rule: closed tickets keep personal data only for a while."""

    def purge(self, older_than_days: int) -> int:
        """Clear contact e-mail and conversation id, anonymise texts, of tickets closed before N days ago.

        The question, replies and notes are kept (they teach what applicants ask) with
        e-mail addresses and phone numbers removed. Already purged tickets are skipped.

        Args:
            older_than_days: Tickets closed more than this many days ago are purged.

        Returns:
            How many tickets were purged; one audit entry records the run.

        Raises:
            ValueError: A negative number of days.
        """
        if older_than_days < 0:
            raise ValueError("the number of days cannot be negative")
        now = self._now()
        limit = now - timedelta(days=older_than_days)
        query = select(Ticket).where(
            Ticket.status == TicketStatus.CLOSED, Ticket.closed_at < limit, Ticket.purged_at.is_(None)
        )
        with self._sessions.begin() as session:
            tickets = list(session.scalars(query))
            for ticket in tickets:
                ticket.contact_email = None
                ticket.conversation_id = None
                ticket.question = anonymise(ticket.question)
                ticket.purged_at = now
                for reply in session.scalars(select(Reply).where(Reply.ticket_id == ticket.id)):
                    reply.text = anonymise(reply.text)
                    if reply.delivery_status in UNDELIVERED:
                        # Nowhere to send it any more; keep the trace of why.
                        reply.delivery_status = DeliveryStatus.FAILED
                        reply.delivery_error = "contact e-mail purged before delivery"
                for note in session.scalars(select(Note).where(Note.ticket_id == ticket.id)):
                    note.text = anonymise(note.text)
            self._audit(session, None, "purge", f"older_than_days={older_than_days} tickets={len(tickets)}")
        log.info("purged personal data of %d closed ticket(s)", len(tickets))
        return len(tickets)
