"""The live hub over Redis pub/sub: a staff reply typed on one bot.web reaches the
applicant's page open on any other.

Every process subscribes to one channel and hands what arrives to its own open pages
(`LiveHub.deliver`); staff replies are few, so each process reading all of them costs
nothing. The subscription is made again when the connection to Redis drops.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

import redis.asyncio as redis

from bot.web.live import LiveHub

log = logging.getLogger(__name__)
RECONNECT_SECONDS = 1.0
SUBSCRIBE_WAIT_SECONDS = 5.0


class RedisLiveHub(LiveHub):
    """`publisher` has short timeouts; `listener` none (it waits for replies as long as it takes)."""

    def __init__(self, publisher: redis.Redis, listener: redis.Redis, channel: str) -> None:
        super().__init__()
        self._redis, self._listener, self._channel = publisher, listener, channel
        self._listening: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()

    async def publish(self, conversation_id: str, message: dict[str, Any]) -> int:
        payload = json.dumps({"conversation_id": conversation_id, "message": message})
        return int(await self._redis.publish(self._channel, payload))

    async def start(self) -> None:
        """Listen; wait a little for the subscription, so that no reply is missed once
        bot.web serves (a Redis still down does not stop bot.web: it keeps trying)."""
        self._listening = asyncio.create_task(self._listen())
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._subscribed.wait(), SUBSCRIBE_WAIT_SECONDS)

    async def stop(self) -> None:
        if self._listening is not None:
            self._listening.cancel()
            await asyncio.gather(self._listening, return_exceptions=True)

    async def _listen(self) -> None:
        while True:
            pubsub = self._listener.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self._channel)
                self._subscribed.set()
                async for item in pubsub.listen():
                    self._dispatch(item.get("data"))
            except (redis.RedisError, OSError) as error:
                log.warning("live hub: Redis unavailable (%s); subscribing again", type(error).__name__)
            finally:
                with contextlib.suppress(redis.RedisError, OSError):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]  # redis' PubSub.aclose is unannotated
            await asyncio.sleep(RECONNECT_SECONDS)

    def _dispatch(self, data: Any) -> None:
        try:
            event = json.loads(data)
            conversation_id, message = str(event["conversation_id"]), dict(event["message"])
        except (TypeError, ValueError, KeyError):  # not ours: ignored
            return
        self.deliver(conversation_id, message)
