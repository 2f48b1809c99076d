"""The review: messages to label (two clicks: the right intent, confirm), and undo."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.clock import today
from bot.insight.period import DEFAULT_DAYS, MAX_DAYS, Period
from bot.language import SUPPORTED
from bot.review.folding import fold, masked
from bot.review.queue import review_items
from bot.tickets.annotations import NewAnnotation
from bot.web.staff.keys import CONFIG, DESK, INTENTS, TEXTS, TRACKER_STORE
from bot.web.staff.model_panel import model_panel
from bot.web.staff.render import render
from bot.web.staff.requests import current_language, flash, logged_in_staff

MAX_TEXT = 500


def _days(request: web.Request) -> int:
    raw = request.query.get("days", "")
    return min(int(raw), MAX_DAYS) if raw.isascii() and raw.isdigit() and int(raw) > 0 else DEFAULT_DAYS


async def review(request: web.Request) -> web.StreamResponse:
    """GET: the groups of messages to review over the last `days` days, and recent labels."""
    days = _days(request)
    desk = request.config_dict[DESK]
    engine = request.config_dict[TRACKER_STORE].engine
    below = request.config_dict[CONFIG].review_below
    period = Period.ending(today(), days)
    (items, total), annotations, model = await asyncio.gather(
        asyncio.to_thread(lambda: review_items(engine(), desk, period, below)),
        asyncio.to_thread(desk.annotations),
        model_panel(request),
    )
    return render(
        request,
        "review.html",
        items=items,
        total=total,
        days=days,
        annotations=annotations,
        intents=_by_label(request),
        model=model,
    )


def _by_label(request: web.Request) -> list[str]:
    """The intents to choose from: the two special answers first, the others by their label."""
    special, others = request.config_dict[INTENTS][:2], request.config_dict[INTENTS][2:]
    labels = request.config_dict[TEXTS][current_language(request)]
    return [*special, *sorted(others, key=lambda i: labels.get(f"intent_{i}", i).casefold())]


def _back(request: web.Request, days: str) -> web.HTTPFound:
    target = request.app.router["review"].url_for()
    return web.HTTPFound(str(target.with_query(days=days) if days.isdigit() else target))


def _number(value: object) -> float | None:
    try:
        return float(str(value))
    except ValueError:
        return None


async def annotate(request: web.Request) -> web.StreamResponse:
    """POST: label a group of messages with the intent chosen (one of the domain's)."""
    staff = logged_in_staff(request)
    form = await request.post()
    intent, language = str(form.get("intent", "")), str(form.get("language", ""))
    text = masked(str(form.get("text", "")))[:MAX_TEXT]
    if intent not in request.config_dict[INTENTS] or language not in SUPPORTED or not fold(text):
        flash(request, "flash_annotation_refused", "error")
        raise _back(request, str(form.get("days", "")))
    count = str(form.get("count", "1"))
    label = NewAnnotation(
        language=language,
        text=text,
        text_key=fold(text),  # recomputed here: the form's copy is not trusted
        intent=intent,
        predicted_intent=str(form.get("predicted", ""))[:64] or None,
        confidence=_number(form.get("confidence", "")),
        occurrences=int(count) if count.isascii() and count.isdigit() else 1,
        conversation_id=str(form.get("conversation_id", ""))[:255] or None,
    )
    try:
        await asyncio.to_thread(request.config_dict[DESK].annotate, staff.id, label)
        flash(request, "flash_annotated")
    except ValueError:
        flash(request, "flash_annotation_refused", "error")
    raise _back(request, str(form.get("days", "")))


async def undo_annotation(request: web.Request) -> web.StreamResponse:
    """POST: take a label back; its messages return to the review."""
    staff = logged_in_staff(request)
    form = await request.post()
    try:
        await asyncio.to_thread(
            request.config_dict[DESK].undo_annotation, int(request.match_info["annotation_id"]), staff.id
        )
        flash(request, "flash_annotation_undone")
    except LookupError as error:
        raise web.HTTPNotFound(text="No such annotation.") from error
    except ValueError:
        flash(request, "flash_annotation_refused", "error")
    raise _back(request, str(form.get("days", "")))
