"""The chat gateway: a WebSocket per open page, Rasa's REST channel behind it.

Protocol (JSON text frames):
  page -> gateway  {"type": "hello", "conversation_id": "<id or empty>", "lang": "fr"}
                   {"type": "message", "id": "<message id>", "text": "...", "lang": "nl"}
                   {"type": "feedback", "id": "<id of a message answered>", "helpful": bool}
  gateway -> page  {"type": "welcome", "conversation_id": "...", "history": [...] | null}
                   {"type": "reply", "id": "...", "messages": [{"role", "text", "buttons"}]}
                   {"type": "error", "id": "...", "code": "too_long" | "rate_limited" |
                    "unavailable" | "invalid", "text": "<in the page's language>",
                    "retry": bool, "retry_after": seconds}
                   {"type": "staff_reply", "text": "...", "reference": "..."}
                   {"type": "feedback_saved", "id": "...", "helpful": bool, "final": bool,
                    "text": "<thanks>"}  (final: the vote can no longer be changed)
                   {"type": "feedback_refused", "id": "...", "text": "...", "retry"?: true}
A message that got "unavailable" or "rate_limited" is kept by the page and sent again.
"Was this helpful?" is asked under each reply: one vote per answered message, which the
applicant may change once; it is stored with the message, its intent and confidence.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from bot.language.languages import DEFAULT, supported_or_default
from bot.limits import max_message_chars
from bot.web.keys import LIVE, SETTINGS
from bot.web.public.conversations import new_conversation_id, valid_conversation_id, valid_message_id
from bot.web.public.feedback import record_vote
from bot.web.public.history import reply_line
from bot.web.public.keys import CHAT, RASA
from bot.web.public.origin import origin_allowed
from bot.web.public.rasa import RasaUnavailable
from bot.web.public.texts import chat_text

log = logging.getLogger(__name__)

HELLO_TIMEOUT = 10.0
MAX_QUEUED = 10  # messages waiting for Rasa on one socket
INBOX_TYPES = frozenset({"message", "feedback"})  # handled in the order they arrive


def frame_limit() -> int:
    """Largest frame accepted: the longest message, JSON-escaped, plus its envelope."""
    return max_message_chars() * 6 + 4096


async def chat_socket(request: web.Request) -> web.StreamResponse:
    """`GET /chat/ws`: refuses foreign origins before the upgrade, then runs one chat."""
    if not origin_allowed(request, request.app[SETTINGS].chat_origins):
        raise web.HTTPForbidden(text="origin not allowed")
    wait = await request.app[CHAT].connections.retry_after(request.remote or "unknown")
    if wait:  # the page's reconnection back-off tries again later
        raise web.HTTPTooManyRequests(headers={"Retry-After": str(math.ceil(wait))})
    ws = web.WebSocketResponse(heartbeat=25, max_msg_size=frame_limit())
    await ws.prepare(request)
    request.app[CHAT].sockets.add(ws)
    await ChatConnection(request, ws).run()
    return ws


async def close_sockets(app: web.Application) -> None:
    """On shutdown: "going away" to every open page, which reconnects by itself later."""
    sockets = list(app[CHAT].sockets)
    await asyncio.gather(*(ws.close(code=WSCloseCode.GOING_AWAY) for ws in sockets), return_exceptions=True)


class ChatConnection:
    """One open page: its conversation, its language, and the messages it sends."""

    def __init__(self, request: web.Request, ws: web.WebSocketResponse) -> None:
        self.app = request.app
        self.ws = ws
        self.address = request.remote or "unknown"
        self.conversation_id = ""
        self.lang = DEFAULT
        self._send_lock = asyncio.Lock()  # replies and staff messages come from two tasks

    async def run(self) -> None:
        if not await self._greet():
            await self.ws.close()
            return
        hub = self.app[LIVE]
        staff = hub.subscribe(self.conversation_id)
        inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        tasks = [asyncio.create_task(self._forward_staff(staff)), asyncio.create_task(self._work(inbox))]
        try:
            async for frame in self.ws:  # keeps reading (pings, close) while Rasa thinks
                if frame.type != WSMsgType.TEXT:
                    continue
                message = _parse(frame.data)
                with contextlib.suppress(ConnectionError):
                    if message is None or message.get("type") not in INBOX_TYPES:
                        await self._error(None, "invalid")
                    elif inbox.qsize() >= MAX_QUEUED:  # a flood: refused now, not kept in memory
                        await self._error(message.get("id"), "rate_limited", retry=True, retry_after=5, seconds=5)
                    else:
                        inbox.put_nowait(message)
        finally:
            hub.unsubscribe(self.conversation_id, staff)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _greet(self) -> bool:
        """Reads the hello, picks the conversation id, sends the history (from Rasa)."""
        try:
            frame = await self.ws.receive(timeout=HELLO_TIMEOUT)
        except asyncio.TimeoutError:
            return False
        hello = _parse(frame.data) if frame.type == WSMsgType.TEXT else None
        if hello is None or hello.get("type") != "hello":
            return False
        self.lang = supported_or_default(hello.get("lang"))
        given = hello.get("conversation_id")
        history: list[Any] | None = []
        if valid_conversation_id(given):
            self.conversation_id = str(given)
            try:
                history = list(await self.app[RASA].history(self.conversation_id))
            except RasaUnavailable:
                history = None  # the page keeps what it shows
        else:
            self.conversation_id = new_conversation_id()
        await self._send({"type": "welcome", "conversation_id": self.conversation_id, "history": history})
        return True

    async def _work(self, inbox: asyncio.Queue[dict[str, Any]]) -> None:
        """Handles messages one at a time, in the order they were typed."""
        while True:
            message = await inbox.get()
            try:
                await self._handle(message)
            except ConnectionError:
                return
            except Exception:  # one bad message must not end the conversation
                log.exception("chat message failed")
                await self._error(message.get("id"), "invalid")

    async def _handle(self, message: dict[str, Any]) -> None:
        if message.get("type") == "feedback":
            await self._feedback(message)
            return
        message_id, text = message.get("id"), message.get("text")
        if not valid_message_id(message_id) or not isinstance(text, str) or not text.strip():
            await self._error(message_id if valid_message_id(message_id) else None, "invalid")
            return
        self.lang = supported_or_default(message.get("lang", self.lang))
        chat = self.app[CHAT]
        if await chat.answered.seen(self.conversation_id, str(message_id)):
            # Resent after a dropped connection: already answered, the history has it.
            await self._send({"type": "reply", "id": message_id, "messages": [], "duplicate": True})
            return
        limit = max_message_chars()
        if len(text) > limit:
            await self._error(message_id, "too_long", length=len(text), limit=limit)
            return
        wait = await chat.per_conversation.retry_after(self.conversation_id) or await chat.per_address.retry_after(
            self.address
        )
        if wait:
            seconds = math.ceil(wait)
            await self._error(message_id, "rate_limited", retry=True, retry_after=seconds, seconds=seconds)
            return
        try:
            replies = await self.app[RASA].send(self.conversation_id, text, self.lang, str(message_id))
        except RasaUnavailable as error:
            log.warning("Rasa server unavailable: %s", error)
            await self._error(message_id, "unavailable", retry=True)
            return
        await chat.answered.remember(self.conversation_id, str(message_id))
        lines = [line for line in map(reply_line, replies) if line]
        await self._send({"type": "reply", "id": message_id, "messages": lines})

    async def _feedback(self, message: dict[str, Any]) -> None:
        """A vote on the reply to one of this conversation's messages."""
        message_id, helpful = message.get("id"), message.get("helpful")
        if not valid_message_id(message_id) or not isinstance(helpful, bool):
            await self._error(message_id if valid_message_id(message_id) else None, "invalid")
            return
        if await self.app[CHAT].per_conversation.retry_after(self.conversation_id):  # each vote reads the tracker
            await self._send({"type": "feedback_refused", "id": message_id, "retry": True,
                              "text": chat_text(self.lang, "feedback_failed")})  # fmt: skip
            return
        frame = await record_vote(self.app, self.app[RASA], self.conversation_id, str(message_id), helpful, self.lang)
        await self._send(frame)

    async def _forward_staff(self, queue: asyncio.Queue[dict[str, Any]]) -> None:
        """Staff replies published on the hub, passed on as plain text."""
        while True:
            event = await queue.get()
            if event.get("type") != "staff_reply" or not isinstance(event.get("text"), str):
                continue
            reference = event.get("reference")
            with contextlib.suppress(ConnectionError):
                await self._send(
                    {
                        "type": "staff_reply",
                        "text": event["text"],
                        "reference": str(reference) if reference is not None else None,
                    }
                )

    async def _error(
        self, message_id: Any, code: str, *, retry: bool = False, retry_after: int = 0, **values: object
    ) -> None:
        text = chat_text(self.lang, code, **values)
        await self._send(
            {"type": "error", "id": message_id, "code": code, "text": text, "retry": retry, "retry_after": retry_after}
        )

    async def _send(self, data: dict[str, Any]) -> None:
        if self.ws.closed:
            raise ConnectionError("WebSocket closed")
        async with self._send_lock:
            await self.ws.send_json(data)


def _parse(data: Any) -> dict[str, Any] | None:
    try:
        value = json.loads(data)
    except (TypeError, ValueError, RecursionError):  # not JSON, or nested too deep to read
        return None
    return value if isinstance(value, dict) else None
