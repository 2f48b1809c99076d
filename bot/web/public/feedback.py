""" "Was this helpful?" from the applicant page: stored with what the NLU made of the message.

The vote names the page's id of the applicant's message; Rasa kept that id on the user
event (REST metadata), so the intent, its confidence and the reply are read from the
tracker. The database is the console's (`DESK`); the applicant part alone opens its own
the first time a vote arrives.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import web

from bot.rasa_io.tracker_json import answered_message
from bot.tickets.base import DATABASE_UNAVAILABLE
from bot.tickets.db import make_engine, upgrade
from bot.tickets.service import Desk
from bot.web.keys import DESK, SETTINGS
from bot.web.public.rasa import RasaUnavailable
from bot.web.public.texts import chat_text

log = logging.getLogger(__name__)


class FeedbackBook:
    """Where votes are written: the console's desk, or one opened on first use."""

    def __init__(self, database_url: str, desk: Desk | None = None) -> None:
        self._url = database_url
        self._desk, self._own = desk, False
        self._lock = asyncio.Lock()

    async def desk(self) -> Desk:
        async with self._lock:
            if self._desk is None:
                await asyncio.to_thread(upgrade, self._url)
                self._desk, self._own = Desk(make_engine(self._url)), True
            return self._desk

    def close(self) -> None:
        if self._own and self._desk is not None:
            self._desk.dispose()


FEEDBACK = web.AppKey("public_feedback", FeedbackBook)


async def feedback_ctx(app: web.Application) -> AsyncIterator[None]:
    """`cleanup_ctx`: the console's desk when it is mounted (its context runs first)."""
    book = FeedbackBook(app[SETTINGS].database_url, app.get(DESK))
    app[FEEDBACK] = book
    yield
    book.close()


async def record_vote(
    app: web.Application, rasa: Any, conversation_id: str, message_id: str, helpful: bool, lang: str
) -> dict[str, Any]:
    """Store a vote; the frame to send back (`feedback_saved` or `feedback_refused`)."""
    refused = {"type": "feedback_refused", "id": message_id, "text": chat_text(lang, "feedback_failed")}
    try:
        about = answered_message(await rasa.events(conversation_id), message_id)
    except RasaUnavailable:
        return {**refused, "retry": True}
    if about is None:  # not a message of this conversation
        return refused
    try:
        desk = await app[FEEDBACK].desk()
        view = await asyncio.to_thread(desk.record_feedback, conversation_id, message_id, helpful, about)
    except ValueError:
        return {**refused, "text": chat_text(lang, "feedback_locked")}
    except DATABASE_UNAVAILABLE:
        log.warning("feedback not stored: the database is unreachable")
        return {**refused, "retry": True}
    key = "feedback_thanks_final" if view.final else "feedback_thanks"
    return {"type": "feedback_saved", "id": message_id, "helpful": view.helpful, "final": view.final,
            "text": chat_text(lang, key)}  # fmt: skip
