"""The Rasa server's HTTP API: a conversation's transcript, and staff replies added to it.

The API is internal (README, "Settings": RASA_TOKEN); the console is its only web client.
Failures never propagate: an unreachable Rasa server gives "no transcript" or "not added",
which the pages say, and the ticket work goes on.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from urllib.parse import quote

import aiohttp

from bot.rasa_io.http_api import ServerStatus
from bot.rasa_io.transcript import Message, messages_from_events, staff_reply_event
from bot.web.settings import WebSettings

log = logging.getLogger(__name__)
TIMEOUT = aiohttp.ClientTimeout(total=5)


@dataclass(frozen=True)
class Transcript:
    """A conversation as read from Rasa; `available` is False when Rasa could not be read."""

    available: bool
    messages: tuple[Message, ...] = ()


def _url(settings: WebSettings, conversation_id: str, suffix: str) -> str:
    # The id comes from the applicant's browser: quote it whole, slashes included.
    return f"{settings.rasa_url.rstrip('/')}/conversations/{quote(conversation_id, safe='')}/{suffix}"


def _params(settings: WebSettings) -> dict[str, str]:
    return {"token": settings.rasa_token} if settings.rasa_token else {}


def _describe(error: BaseException) -> str:
    # Never the error's text: aiohttp puts the URL in it, and the URL holds the token.
    if isinstance(error, aiohttp.ClientResponseError):
        return f"HTTP {error.status}"
    return type(error).__name__


async def fetch_transcript(http: aiohttp.ClientSession, settings: WebSettings, conversation_id: str) -> Transcript:
    """Read a conversation from the Rasa server.

    Args:
        http: The console's client session.
        settings: Where Rasa is, and its token.
        conversation_id: The tracker's sender id.

    Returns:
        The transcript, or an unavailable one when Rasa cannot be read.
    """
    try:
        async with http.get(
            _url(settings, conversation_id, "tracker"), params=_params(settings), timeout=TIMEOUT
        ) as response:
            response.raise_for_status()
            tracker = await response.json()
        return Transcript(True, tuple(messages_from_events(tracker.get("events"))))
    except (aiohttp.ClientError, TimeoutError, ValueError, AttributeError) as error:
        log.warning("transcript of %r unavailable: %s", conversation_id, _describe(error))
        return Transcript(False)


async def append_staff_reply(
    http: aiohttp.ClientSession, settings: WebSettings, conversation_id: str, text: str, reference: str
) -> bool:
    """Add a staff reply to the applicant's conversation, as a bot message.

    Args:
        http: The console's client session.
        settings: Where Rasa is, and its token.
        conversation_id: The tracker's sender id.
        text: The reply.
        reference: The ticket's reference, kept in the event's metadata.

    Returns:
        Whether Rasa accepted the event.
    """
    event = staff_reply_event(text, reference, time.time())
    try:
        async with http.post(
            _url(settings, conversation_id, "tracker/events"), params=_params(settings), json=event, timeout=TIMEOUT
        ) as response:
            response.raise_for_status()
        return True
    except (aiohttp.ClientError, TimeoutError) as error:
        log.warning("staff reply not added to conversation %r: %s", conversation_id, _describe(error))
        return False


async def fetch_status(http: aiohttp.ClientSession, settings: WebSettings) -> ServerStatus | None:
    """The model the Rasa server has loaded (`GET /status`), or None when it cannot be read."""
    try:
        async with http.get(
            f"{settings.rasa_url.rstrip('/')}/status", params=_params(settings), timeout=TIMEOUT
        ) as response:
            response.raise_for_status()
            return ServerStatus.from_json(await response.json())
    except (aiohttp.ClientError, TimeoutError, ValueError) as error:
        log.warning("Rasa status unavailable: %s", _describe(error))
        return None
