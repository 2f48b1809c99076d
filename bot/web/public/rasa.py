"""The Rasa server behind the chat: its REST channel and, for history, its HTTP API."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp

from bot.rasa_io.apology import asks_to_retry
from bot.rasa_io.tracker_json import MESSAGE_ID
from bot.web.public.history import ChatLine, history_from_events


class RasaUnavailable(Exception):
    """The Rasa server could not be reached or did not answer properly."""


class RasaClient:
    """Talks to one Rasa server over a shared aiohttp session."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str, token: str | None = None) -> None:
        self._session = session
        self._base = base_url.rstrip("/")
        self._token = token

    async def send(self, sender: str, text: str, lang: str, message_id: str | None = None) -> list[dict[str, Any]]:
        """The assistant's replies to `text` (Rasa REST channel). The language and the page's
        message id go in the metadata: Rasa keeps them on the user event, where feedback
        finds the message again."""
        metadata = {"language": lang, **({MESSAGE_ID: message_id} if message_id else {})}
        body = {"sender": sender, "message": text, "metadata": metadata}
        data = await self._request("POST", "/webhooks/rest/webhook", json=body)
        if not isinstance(data, list):
            raise RasaUnavailable("unexpected reply from the REST channel")
        if asks_to_retry(data):  # an action failed (action server down): not answered, not kept
            raise RasaUnavailable("the assistant could not answer: an action failed")
        return [reply for reply in data if isinstance(reply, dict)]

    async def history(self, sender: str) -> list[ChatLine]:
        """The conversation so far, from the tracker (`GET /conversations/<id>/tracker`)."""
        return history_from_events(await self.events(sender))

    async def events(self, sender: str) -> list[Any]:
        """The tracker's events (`GET /conversations/<id>/tracker`)."""
        params = {"token": self._token} if self._token else {}
        data = await self._request("GET", f"/conversations/{sender}/tracker", params=params)
        events = data.get("events") if isinstance(data, dict) else None
        return events if isinstance(events, list) else []

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            async with self._session.request(method, self._base + path, **kwargs) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"{method} {path}: HTTP {response.status}")
                return await response.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise RasaUnavailable(f"{method} {path}: {error!r}") from error
