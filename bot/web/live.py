"""Live messages to open applicant pages: staff replies appear without a reload.

The chat gateway subscribes each open WebSocket to its conversation id; the staff
console publishes a reply to that id. `LiveHub` delivers within this process (`make
run`); `bot.web.state.redis_live.RedisLiveHub` publishes over Redis, so that a reply
typed on one bot.web reaches a page connected to another.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any


class LiveHub:
    """Conversation id -> queues of the pages that show that conversation."""

    def __init__(self) -> None:
        self._queues: defaultdict[str, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)

    def subscribe(self, conversation_id: str) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)
        self._queues[conversation_id].add(queue)
        return queue

    def unsubscribe(self, conversation_id: str, queue: asyncio.Queue[dict[str, Any]]) -> None:
        queues = self._queues.get(conversation_id)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self._queues[conversation_id]

    async def publish(self, conversation_id: str, message: dict[str, Any]) -> int:
        """Send `message` to every open page of the conversation; returns how many
        (here: pages; over Redis: bot.web processes listening)."""
        return self.deliver(conversation_id, message)

    def deliver(self, conversation_id: str, message: dict[str, Any]) -> int:
        """Hand `message` to this process's open pages of the conversation."""
        delivered = 0
        for queue in self._queues.get(conversation_id, ()):
            try:
                queue.put_nowait(message)
                delivered += 1
            except asyncio.QueueFull:  # a stuck page must not block staff
                continue
        return delivered
