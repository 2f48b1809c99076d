"""An applicant's page as the tests play it: the chat WebSocket protocol of
`bot/web/public/gateway.py`, with the page's own retries (a message answered
"unavailable" or "rate_limited" is sent again with the same id; a dropped socket is
opened again on the same conversation)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import aiohttp

REPLY_TIMEOUT = 60.0


@dataclass
class Applicant:
    session: aiohttp.ClientSession
    url: str  # a bot.web, or the load balancer in front of them
    lang: str = "fr"
    origin: str = ""
    conversation_id: str = ""
    ws: aiohttp.ClientWebSocketResponse[bool] | None = None
    retries: int = 0  # messages sent again (Rasa unavailable, socket dropped)
    pushed: list[dict[str, Any]] = field(default_factory=list)  # staff replies received

    async def connect(self) -> dict[str, Any]:
        """Open the socket (again), say hello; returns the welcome (with the history)."""
        socket_url = self.url.replace("http", "ws", 1) + "/chat/ws"
        self.ws = await self.session.ws_connect(socket_url, headers={"Origin": self.origin or self.url})
        await self.ws.send_json({"type": "hello", "conversation_id": self.conversation_id, "lang": self.lang})
        welcome = await self.receive()
        assert welcome["type"] == "welcome", welcome
        self.conversation_id = welcome["conversation_id"]
        return welcome

    async def receive(self, timeout: float = REPLY_TIMEOUT) -> dict[str, Any]:
        assert self.ws is not None
        while True:
            frame = await self.ws.receive(timeout=timeout)
            if frame.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"socket closed ({frame.type})")
            data: dict[str, Any] = frame.json()
            if data.get("type") == "staff_reply":
                self.pushed.append(data)
                continue
            return data

    async def ask(self, message_id: str, text: str, attempts: int = 60) -> dict[str, Any]:
        """Send a message until it is answered; returns the reply frame."""
        for _ in range(attempts):
            try:
                if self.ws is None or self.ws.closed:
                    await self.connect()
                assert self.ws is not None
                await self.ws.send_json({"type": "message", "id": message_id, "text": text, "lang": self.lang})
                reply = await self.receive()
            except (ConnectionError, aiohttp.ClientError):
                self.ws = None
                self.retries += 1
                await asyncio.sleep(0.5)
                continue
            if reply.get("type") == "error" and reply.get("retry"):
                self.retries += 1
                await asyncio.sleep(min(float(reply.get("retry_after") or 0.5), 2.0))
                continue
            return reply
        raise AssertionError(f"{message_id} not answered after {attempts} attempts")

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
