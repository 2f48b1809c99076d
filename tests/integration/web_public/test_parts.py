"""The gateway's small parts on their own: rate limits, history, ids."""

from __future__ import annotations

from bot.web.public.conversations import new_conversation_id, valid_conversation_id
from bot.web.public.history import history_from_events
from bot.web.public.limits import RateLimiter, SeenMessages


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_the_rate_limit_window_slides() -> None:
    clock = Clock()
    limiter = RateLimiter(limit=2, window=60, clock=clock)
    assert await limiter.retry_after("a") == 0 and await limiter.retry_after("a") == 0
    assert await limiter.retry_after("a") == 60  # the first one leaves the window in 60 s
    assert await limiter.retry_after("b") == 0  # keys are independent
    clock.now += 30
    assert await limiter.retry_after("a") == 30
    clock.now += 30
    assert await limiter.retry_after("a") == 0  # refused attempts did not count


async def test_seen_messages_are_per_conversation_and_bounded() -> None:
    seen = SeenMessages(per_conversation=2)
    await seen.remember("c1", "m1")
    assert await seen.seen("c1", "m1") and not await seen.seen("c2", "m1")
    await seen.remember("c1", "m2")
    await seen.remember("c1", "m3")
    assert not await seen.seen("c1", "m1") and await seen.seen("c1", "m3")


def test_ids_are_random_and_checked() -> None:
    ids = {new_conversation_id() for _ in range(100)}
    assert len(ids) == 100 and all(valid_conversation_id(i) for i in ids)
    assert not any(valid_conversation_id(v) for v in [None, 42, "", "a" * 33, "a/" * 16, "é" * 32])


def test_history_keeps_messages_and_skips_the_rest() -> None:
    events = [
        {"event": "action", "name": "action_session_start"},
        {"event": "session_started"},
        {"event": "user", "text": "Bonjour", "metadata": {"language": "fr"}},
        {"event": "slot", "name": "language", "value": "fr"},
        {"event": "bot", "text": "Bonjour !", "data": {"buttons": [{"title": "Budget", "payload": "/ask_budget"}]}},
        {"event": "user", "text": "/ask_budget"},
        {"event": "bot", "text": "400.000 €", "data": {"buttons": [{"title": 1, "payload": None}]}},
        {"event": "bot", "text": None, "data": {}},
        "garbage",
    ]
    assert history_from_events(events) == [
        {"role": "applicant", "text": "Bonjour"},
        {"role": "assistant", "text": "Bonjour !", "buttons": [{"title": "Budget", "payload": "/ask_budget"}]},
        {"role": "applicant", "text": "Budget"},
        {"role": "assistant", "text": "400.000 €", "buttons": []},
    ]
