"""The load `make bench` sends through Rasa's REST channel, and what it measures.

A message's time is from sending it to having its answers; an error is any answer that is
not a 200 with a JSON list (counted, never raised: a run reports its errors).
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass, field
from typing import TypedDict

import aiohttp

TIMEOUT = aiohttp.ClientTimeout(total=120)


@dataclass
class Timings:
    seconds: list[float] = field(default_factory=list)  # one per message, in the order sent
    errors: int = 0


async def _send(session: aiohttp.ClientSession, url: str, sender: str, text: str, out: Timings) -> None:
    started = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as response:
            ok = response.status == 200 and isinstance(await response.json(), list)
    except (aiohttp.ClientError, asyncio.TimeoutError):
        ok = False
    out.seconds.append(time.perf_counter() - started)
    out.errors += not ok


async def conversation(session: aiohttp.ClientSession, url: str, messages: list[str], count: int) -> Timings:
    """One new conversation of `count` messages (cycling through `messages`), one at a time."""
    sender, out = f"bench-{uuid.uuid4().hex[:12]}", Timings()
    for i in range(count):
        await _send(session, url, sender, messages[i % len(messages)], out)
    return out


class Curve(TypedDict):
    """What `curve` measures: the median ms at each point, and the errors."""

    median_ms_at: dict[int, float]
    errors: int


def webhook(port: int) -> str:
    return f"http://127.0.0.1:{port}/webhooks/rest/webhook"


async def curve(port: int, messages: list[str], length: int, points: list[int], window: int = 5) -> Curve:
    """One conversation of `length` messages; the median time of the `window` messages
    ending at each point (message 1 alone), in ms."""
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        await conversation(session, webhook(port), messages, 3)  # warm-up
        run = await conversation(session, webhook(port), messages, length)
    at = {p: statistics.median(run.seconds[max(0, p - window) : p]) * 1000 for p in points if p <= length}
    return {"median_ms_at": at, "errors": run.errors}


async def concurrent(port: int, messages: list[str], conversations: int, rounds: int) -> dict[str, float]:
    """`conversations` new conversations at once, `rounds` messages each."""
    async with aiohttp.ClientSession(timeout=TIMEOUT, connector=aiohttp.TCPConnector(limit=0)) as session:
        await conversation(session, webhook(port), messages, 3)  # warm-up
        started = time.perf_counter()
        runs = await asyncio.gather(
            *(conversation(session, webhook(port), messages, rounds) for _ in range(conversations))
        )
        elapsed = time.perf_counter() - started
    times = sorted(x for r in runs for x in r.seconds)
    return {
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
        "messages_per_s": len(times) / elapsed,
        "messages": len(times),
        "errors": sum(r.errors for r in runs),
    }
