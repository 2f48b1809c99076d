"""Delivery of staff replies by e-mail: every attempt recorded, failures retried with backoff."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.mail.mailer import Mailer
from bot.mail.render import render_reply_email
from bot.tickets.views import ReplyView, TicketView

if TYPE_CHECKING:
    from bot.tickets.service import Desk

log = logging.getLogger(__name__)
DEFAULT_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(hours=6)


def next_attempt_at(reply: ReplyView, backoff: timedelta = DEFAULT_BACKOFF) -> datetime | None:
    """When the reply may be tried again: None for now; else backoff doubled per failed attempt."""
    if reply.last_attempt_at is None or reply.delivery_attempts == 0:
        return None
    delay: timedelta = min(backoff * 2 ** (reply.delivery_attempts - 1), MAX_BACKOFF)
    return reply.last_attempt_at + delay


def deliver_reply(
    desk: Desk,
    mailer: Mailer,
    reply: ReplyView,
    ticket: TicketView,
    sender: str | None = None,
    max_attempts: int = 5,
) -> bool:
    """One attempt at e-mailing one reply, now, recorded on the reply (sent or failed).

    Backoff and attempt limits are the caller's business (a "retry now" button ignores
    them); the claim is not: a reply another sender holds is skipped.

    Returns:
        Whether the e-mail was handed over; False if it failed or was not ours to send.
    """
    if not desk.claim_delivery(reply.id):
        return False
    try:
        mailer.send(render_reply_email(ticket, reply, sender))
    except Exception as error:  # any failure must be recorded, never swallowed
        desk.mark_delivery(reply.id, ok=False, error=f"{type(error).__name__}: {error}")
        # No address or content in the log: the reference is enough to look it up.
        log.warning(
            "e-mail of reply %d (ticket %s) failed, attempt %d/%d: %s",
            reply.id,
            ticket.reference,
            reply.delivery_attempts + 1,
            max_attempts,
            type(error).__name__,
        )
        return False
    desk.mark_delivery(reply.id, ok=True)
    return True


def deliver_pending(
    desk: Desk,
    mailer: Mailer,
    max_attempts: int = 5,
    backoff: timedelta = DEFAULT_BACKOFF,
    sender: str | None = None,
) -> int:
    """Send every reply waiting for delivery whose backoff has elapsed.

    Each attempt is recorded on the reply (sent, or failed with the error), so staff see
    it in the console; a reply that failed `max_attempts` times stays `failed` and is
    reported in the log at each run until someone acts.

    Returns:
        How many replies were sent by this call.
    """
    now, sent, given_up = desk.clock(), 0, 0
    for reply, ticket in desk.pending_deliveries():
        if reply.delivery_attempts >= max_attempts:
            given_up += 1
            continue
        due = next_attempt_at(reply, backoff)
        if due is not None and due > now:
            continue
        if deliver_reply(desk, mailer, reply, ticket, sender, max_attempts):
            sent += 1
    if given_up:
        log.error(
            "%d reply e-mail(s) failed %d times and are no longer retried: see the console", given_up, max_attempts
        )
    return sent
