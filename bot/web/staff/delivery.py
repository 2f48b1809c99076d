"""Reply e-mails: sent in the background after a reply, and failed ones retried periodically.

The Mailer is synchronous (smtplib); it runs in a worker thread so that the event loop,
and the applicants' chat beside the console, never wait on an SMTP server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from aiohttp import web

from bot.mail import Mailer, deliver_pending, deliver_reply
from bot.tickets.service import Desk
from bot.tickets.states import DeliveryStatus
from bot.web.staff.keys import CONFIG, DELIVERIES, DESK, MAILER

log = logging.getLogger(__name__)


async def deliver_now(desk: Desk, mailer: Mailer) -> int:
    """Send every pending reply e-mail once.

    Args:
        desk: The ticket desk.
        mailer: How e-mails leave.

    Returns:
        How many e-mails were sent; 0 when delivery itself failed (logged, and the
        replies stay visible as failed or pending on their tickets).
    """
    try:
        return await asyncio.to_thread(deliver_pending, desk, mailer)
    except Exception:  # a broken mail set-up must not kill the console; the ticket shows it
        log.exception("delivering reply e-mails failed")
        return 0


def resend(desk: Desk, mailer: Mailer, reply_id: int) -> bool:
    """Send one failed reply e-mail now, whatever its backoff or attempts so far.

    `deliver_pending` waits out a growing backoff and gives up after a few attempts; the
    retry button is a person saying "the server is fixed, try now". The attempt is
    recorded on the reply like any other.

    Args:
        desk: The ticket desk.
        mailer: How e-mails leave.
        reply_id: The failed reply.

    Returns:
        Whether the e-mail was sent; False also when the reply is not failed (anymore).
    """
    for reply, ticket in desk.pending_deliveries():
        if reply.id == reply_id and reply.delivery_status == DeliveryStatus.FAILED:
            # deliver_reply takes the claim: never two senders on one reply.
            return deliver_reply(desk, mailer, reply, ticket)
    return False


async def _resend_now(desk: Desk, mailer: Mailer, reply_id: int) -> int:
    try:
        return int(await asyncio.to_thread(resend, desk, mailer, reply_id))
    except Exception:  # same rule as deliver_now: logged, visible on the ticket
        log.exception("resending reply %d failed", reply_id)
        return 0


def start_delivery(request: web.Request, reply_id: int | None = None) -> asyncio.Task[int]:
    """Start sending e-mails without making the member of staff wait.

    Args:
        request: The request that created or retried a reply.
        reply_id: A failed reply to resend now; None sends every pending one.

    Returns:
        The background task (tests may await it).
    """
    tasks = request.config_dict[DELIVERIES]
    desk, mailer = request.config_dict[DESK], request.config_dict[MAILER]
    job = deliver_now(desk, mailer) if reply_id is None else _resend_now(desk, mailer, reply_id)
    task = asyncio.create_task(job)
    tasks.add(task)  # a reference, so the task is not collected before it ends
    task.add_done_callback(tasks.discard)
    return task


async def delivery_ctx(app: web.Application) -> AsyncIterator[None]:
    """`cleanup_ctx`: retry failed deliveries every MAIL_RETRY_SECONDS; wait for sends at exit."""
    in_flight: set[asyncio.Task[int]] = set()
    app[DELIVERIES] = in_flight
    retry = asyncio.create_task(_retry_forever(app, app[CONFIG].mail_retry_seconds))
    yield
    retry.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await retry
    if in_flight:
        await asyncio.wait(in_flight, timeout=30)


async def _retry_forever(app: web.Application, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        sent = await deliver_now(app[DESK], app[MAILER])
        if sent:
            log.info("retried reply e-mails: %d sent", sent)
