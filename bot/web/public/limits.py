"""Sliding-window rate limits on chat messages, per conversation and per client address.

Kept in this process's memory (`make run`); `bot.web.state.redis_limits` keeps the same
counts in Redis, so that several bot.web processes apply one limit together.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable

MAX_KEYS = 50_000  # bounded memory: the least recently seen keys are forgotten first


class RateLimiter:
    """At most `limit` events per `window` seconds for each key."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._events: OrderedDict[str, deque[float]] = OrderedDict()

    async def retry_after(self, key: str) -> float:
        """0 when an event for `key` is allowed now (and counts it), else seconds to wait."""
        now = self._clock()
        events = self._events.pop(key, None) or deque()
        while events and events[0] <= now - self.window:
            events.popleft()
        self._events[key] = events
        if len(self._events) > MAX_KEYS:
            self._events.popitem(last=False)
        if len(events) >= self.limit:
            return max(events[0] + self.window - now, 0.001)
        events.append(now)
        return 0.0


class SeenMessages:
    """Ids of the messages already answered per conversation, so that a message resent
    after a dropped connection is not answered twice."""

    def __init__(self, per_conversation: int = 50, conversations: int = 20_000) -> None:
        self._per_conversation = per_conversation
        self._conversations = conversations
        self._seen: OrderedDict[str, deque[str]] = OrderedDict()

    async def seen(self, conversation_id: str, message_id: str) -> bool:
        return message_id in self._seen.get(conversation_id, ())

    async def remember(self, conversation_id: str, message_id: str) -> None:
        ids = self._seen.pop(conversation_id, None) or deque(maxlen=self._per_conversation)
        ids.append(message_id)
        self._seen[conversation_id] = ids
        if len(self._seen) > self._conversations:
            self._seen.popitem(last=False)
