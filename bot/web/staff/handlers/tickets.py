"""The queue and the ticket page: assign, note, reply, close, retry an e-mail."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiohttp import web

from bot.language.languages import SUPPORTED
from bot.tickets.models import STATUSES
from bot.tickets.states import DeliveryStatus, TicketStatus
from bot.web.keys import LIVE, SETTINGS
from bot.web.staff.delivery import start_delivery
from bot.web.staff.keys import DESK, RASA_HTTP
from bot.web.staff.rasa_api import Transcript, append_staff_reply, fetch_transcript
from bot.web.staff.render import render
from bot.web.staff.requests import flash, logged_in_staff

T = TypeVar("T")


async def queue(request: web.Request) -> web.StreamResponse:
    """GET: tickets oldest first, filtered by status, language and assignee; counts per status."""
    staff = logged_in_staff(request)
    desk = request.config_dict[DESK]
    status = request.query.get("status", TicketStatus.OPEN)
    language = request.query.get("language", "")
    assignee = request.query.get("assignee", "")
    assignee_id: int | None = None
    if assignee == "me":
        assignee_id = staff.id
    elif assignee.isascii() and assignee.isdigit():
        assignee_id = int(assignee)
    tickets = await asyncio.to_thread(
        desk.queue,
        status=status if status in STATUSES else None,
        language=language if language in SUPPORTED else None,
        assignee_id=assignee_id,
    )
    counts, accounts, undelivered = await asyncio.gather(
        asyncio.to_thread(desk.counts),
        asyncio.to_thread(desk.list_staff),
        asyncio.to_thread(desk.pending_deliveries),
    )
    # Tickets with a reply e-mail that failed: flagged in the queue, never silent.
    failed = {view.reference for reply, view in undelivered if reply.delivery_status == DeliveryStatus.FAILED}
    return render(
        request,
        "queue.html",
        tickets=tickets,
        counts=counts,
        statuses=STATUSES,
        ticket_languages=SUPPORTED,
        accounts=accounts,
        failed=failed,
        filters={"status": status if status in STATUSES else "all", "language": language, "assignee": assignee},
    )


async def ticket(request: web.Request) -> web.StreamResponse:
    """GET: the question, the conversation from Rasa, replies with their e-mail state, notes."""
    logged_in_staff(request)
    detail = await asyncio.to_thread(request.config_dict[DESK].detail, request.match_info["reference"])
    if detail is None:
        raise web.HTTPNotFound(text="No such ticket.")
    conversation_id = detail.ticket.conversation_id
    transcript = (
        await fetch_transcript(request.config_dict[RASA_HTTP], request.config_dict[SETTINGS], conversation_id)
        if conversation_id
        else Transcript(True)
    )
    return render(request, "ticket.html", detail=detail, transcript=transcript)


async def _act(request: web.Request, action: Callable[..., T], *args: Any) -> T | None:
    """Run a Desk action in a thread; an unknown ticket is a 404, a refused action a message."""
    try:
        return await asyncio.to_thread(action, *args)
    except LookupError as error:
        raise web.HTTPNotFound(text="No such ticket.") from error
    except ValueError:
        flash(request, "flash_refused", "error")
        return None


def _back(request: web.Request) -> web.HTTPFound:
    reference = request.match_info["reference"]
    return web.HTTPFound(str(request.app.router["ticket"].url_for(reference=reference)))


def _by_member(method: str, done: str, doc: str) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """A POST that calls `Desk.<method>(reference, staff_id)` for the member who asks."""

    async def handler(request: web.Request) -> web.StreamResponse:
        staff = logged_in_staff(request)
        if await _act(request, getattr(request.config_dict[DESK], method), request.match_info["reference"], staff.id):
            flash(request, done)
        raise _back(request)

    handler.__doc__ = doc
    return handler


assign = _by_member("assign", "flash_assigned", "POST: assign the ticket to the member of staff who asks.")
close = _by_member("close", "flash_closed", "POST: close the ticket.")


async def add_note(request: web.Request) -> web.StreamResponse:
    """POST: an internal note, never shown to the applicant."""
    staff = logged_in_staff(request)
    text = str((await request.post()).get("text", ""))
    if await _act(request, request.config_dict[DESK].add_note, request.match_info["reference"], staff.id, text):
        flash(request, "flash_note_added")
    raise _back(request)


async def reply(request: web.Request) -> web.StreamResponse:
    """POST: store the reply, add it to the conversation, show it live, e-mail it."""
    staff = logged_in_staff(request)
    desk = request.config_dict[DESK]
    reference = request.match_info["reference"]
    text = str((await request.post()).get("text", ""))
    stored = await _act(request, desk.reply, reference, staff.id, text)
    if stored is None:
        raise _back(request)
    flash(request, "flash_reply_saved")
    view = await asyncio.to_thread(desk.find, reference)
    if view is not None and view.conversation_id:
        added = await append_staff_reply(
            request.config_dict[RASA_HTTP],
            request.config_dict[SETTINGS],
            view.conversation_id,
            stored.text,
            view.reference,
        )
        if not added:
            flash(request, "flash_reply_not_in_conversation", "error")
        message = {"type": "staff_reply", "text": stored.text, "reference": view.reference}
        await request.config_dict[LIVE].publish(view.conversation_id, message)
    if stored.delivery_status == DeliveryStatus.PENDING:
        start_delivery(request)
    raise _back(request)


async def retry_delivery(request: web.Request) -> web.StreamResponse:
    """POST: send the ticket's failed reply e-mails again, now."""
    staff = logged_in_staff(request)
    desk = request.config_dict[DESK]
    reference = request.match_info["reference"]
    detail = await asyncio.to_thread(desk.detail, reference)
    reply_id = int(request.match_info["reply_id"])
    if detail is None or all(r.id != reply_id for r in detail.replies):
        raise web.HTTPNotFound(text="No such reply.")
    await asyncio.to_thread(desk.record, staff.id, "mail_retry_requested", f"reply={reply_id}", reference)
    flash(request, "flash_retry_started")
    start_delivery(request, reply_id)
    raise _back(request)
