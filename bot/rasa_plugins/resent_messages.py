"""A message sent again with the same id is handled once: the second time, the replies the
tracker holds for it are sent again, and nothing is stored.

Rasa stores a message, with its replies, in one save at the end of its handling, then
answers. A Rasa server killed between the two (the save committed, the answer not yet
written: under load, other messages' NLU runs in between) leaves a message stored that
its client saw fail. bot.web tells the page "unavailable", the page sends the message
again with the same id (`bot.web.public.gateway`), another server handled it again, and
the conversation held it twice, with two answers (README, "Scaling out").

Every message bot.web sends carries its page's id in the REST channel's metadata
(`message_id`, `bot.rasa_io.tracker_json.MESSAGE_ID`; any REST client may send one, unique
in its conversation). Before Rasa's `MessageProcessor.handle_message` handles a message
with an id, the conversation's tracker is read: when a user event with the same id is
there, followed by the assistant's replies, those replies are what the message gets.
This runs inside Rasa's lock of the conversation (`Agent.handle_message` takes it first),
so a copy still in flight on another server has finished and been stored, or has not
started. A message answered by the apology for a failed action (`bot.rasa_io.apology`)
was not answered: sent again, it is handled again. A message without an id is handled as
always. The tracker read is the one the dialogue loop gets (`tracker_window`, the last
turns at least): a message is sent again right after it failed, as the latest one.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import BotUttered, Event, UserUttered

from bot.rasa_io.apology import asks_to_retry
from bot.rasa_io.tracker_json import MESSAGE_ID
from bot.rasa_io.transcript import STAFF_REPLY

log = logging.getLogger(__name__)

Handler = Callable[[MessageProcessor, UserMessage], Awaitable[list[dict[str, Any]] | None]]
_ORIGINAL = "_handle_message_without_replay"


def client_message_id(metadata: Any) -> str | None:
    """The client's id of a message (its metadata's `message_id`), if it has one."""
    value = metadata.get(MESSAGE_ID) if isinstance(metadata, Mapping) else None
    return value if isinstance(value, str) and value else None


def stored_replies(events: Sequence[Event], message_id: str) -> list[dict[str, Any]] | None:
    """The assistant's replies to the latest user event sent with `message_id`, as Rasa
    sent them (`BotUttered.message()`), or None when that message must be handled: no user
    event carries the id, or its reply was the apology (it was not answered).

    Staff replies added to the conversation after the message are not its replies."""
    found: int | None = None
    for i in range(len(events) - 1, -1, -1):
        event = events[i]
        if isinstance(event, UserUttered) and client_message_id(event.metadata) == message_id:
            found = i
            break
    if found is None:
        return None
    replies: list[dict[str, Any]] = []
    for event in events[found + 1 :]:
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered) and not (event.metadata or {}).get(STAFF_REPLY):
            replies.append(event.message())
    return None if asks_to_retry(replies) else replies


async def handle_message(self: MessageProcessor, message: UserMessage) -> list[dict[str, Any]] | None:
    """`MessageProcessor.handle_message`, except for a message already answered (see the
    module docstring)."""
    original: Handler = getattr(MessageProcessor, _ORIGINAL)
    message_id = client_message_id(message.metadata)
    replies = None
    if message_id is not None:  # one more read of the tracker: about 2 ms on PostgreSQL
        tracker = await self.tracker_store.retrieve(message.sender_id)
        replies = stored_replies(list(tracker.events), message_id) if tracker is not None else None
    if replies is None:
        return await original(self, message)
    log.warning("a message sent again had been answered already: its %d stored replies sent again", len(replies))
    for reply in replies:
        await message.output_channel.send_response(message.sender_id, reply)
    if isinstance(message.output_channel, CollectingOutputChannel):
        collected: list[dict[str, Any]] = message.output_channel.messages
        return collected
    return None


def install() -> None:
    """Every message with an id is handled once by the Rasa servers of this process."""
    if not hasattr(MessageProcessor, _ORIGINAL):
        setattr(MessageProcessor, _ORIGINAL, MessageProcessor.handle_message)
    MessageProcessor.handle_message = handle_message
