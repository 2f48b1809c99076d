"""bot.web's state in Redis, as two bot.web processes see it: each `make()` is one
process's backend (its own connections), both on the same Redis and prefix."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from bot.web.staff.throttle import Busy
from bot.web.state.redis_backend import RedisBackend

Make = Callable[[], RedisBackend]
PAIR = ("agent@example.org", "address", "192.0.2.7")


async def test_a_rate_limit_is_one_limit_for_every_process(backends: Make) -> None:
    one, other = (b.limiter("conversation", 2, 1.0) for b in (backends(), backends()))
    assert await one.retry_after("c1") == 0
    assert await other.retry_after("c1") == 0
    wait = await one.retry_after("c1")
    assert 0 < wait <= 1.0  # the third in the window, wherever it arrives
    assert await other.retry_after("c2") == 0  # keys are independent
    await asyncio.sleep(wait + 0.05)
    assert await other.retry_after("c1") == 0  # the window slid; refused attempts did not count


async def test_answered_ids_are_seen_by_every_process_and_bounded(backends: Make) -> None:
    one, other = backends().answered(), backends().answered()
    await one.remember("conv", "m0")
    assert await other.seen("conv", "m0") and not await other.seen("conv2", "m0")
    for i in range(1, 51):
        await other.remember("conv", f"m{i}")
    assert not await one.seen("conv", "m0") and await one.seen("conv", "m50")


async def test_a_session_opened_on_one_process_is_valid_on_the_other(backends: Make) -> None:
    one, other = backends().sessions(60, 300), backends().sessions(60, 300)
    token, session = await one.create(7, "nl")
    seen = await other.get(token)
    assert seen is not None and (seen.staff_id, seen.csrf_token, seen.language) == (7, session.csrf_token, "nl")
    seen.flash("flash_reply_saved")
    seen.language = "fr"
    await other.save(token, seen)
    again = await one.get(token)
    assert again is not None and again.language == "fr" and again.pop_flashes() == [("flash_reply_saved", "info")]
    assert await one.get("not-a-token") is None and await one.get(None) is None
    await other.drop(token)
    assert await one.get(token) is None
    await one.save(token, seen)  # a request finishing after the logout does not bring it back
    assert await other.get(token) is None


async def test_sessions_expire_when_idle_and_after_max_age_and_end_per_account(backends: Make) -> None:
    store = backends().sessions(idle_seconds=0.5, max_seconds=1.2)
    idle, _ = await store.create(1, "fr")
    await asyncio.sleep(0.7)
    assert await store.get(idle) is None
    used, _ = await store.create(1, "fr")
    for _ in range(3):  # used every 0.35 s: never idle, but too old after 1.2 s
        await asyncio.sleep(0.35)
        assert await store.get(used) is not None
    await asyncio.sleep(0.3)
    assert await store.get(used) is None
    first, _ = await store.create(2, "fr")
    second, _ = await backends().sessions(60, 300).create(2, "nl")
    kept, _ = await store.create(3, "fr")
    await store.drop_staff(2)
    assert await store.get(first) is None and await store.get(second) is None and await store.get(kept) is not None


async def test_login_failures_count_once_for_all_processes(backends: Make) -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    one, other = (b.throttle(2, 1.0, 30.0) for b in (backends(), backends()))
    one._sleep = other._sleep = sleep  # recorded, not slept
    assert not await one.failure(PAIR)
    assert not await other.failure(PAIR)
    assert await one.failure(PAIR)  # the third, free_failures + 1: the alert
    async with other.turn(PAIR) as waited:
        assert waited == 2.0  # 1 s doubled for the failure past the free ones
    await other.success(PAIR)
    async with one.turn(PAIR) as waited:
        assert waited == 0
    assert waits == [2.0]


async def test_one_attempt_at_a_time_per_pair_across_processes(backends: Make) -> None:
    one, other, third = (b.throttle(0, 0.2, 1.0) for b in (backends(), backends(), backends()))
    await one.failure(PAIR)
    release = asyncio.Event()

    async def checking() -> None:
        async with one.turn(PAIR):
            await release.wait()

    first = asyncio.create_task(checking())
    await asyncio.sleep(0.3)
    waiting = asyncio.create_task(checking())  # may wait its turn
    await asyncio.sleep(0.1)
    with pytest.raises(Busy):  # a third at the same time, on another process: refused
        async with third.turn(PAIR):
            pass
    release.set()
    await asyncio.wait_for(asyncio.gather(first, waiting), 5)
    async with other.turn(PAIR):
        pass


async def test_a_known_browser_is_known_to_every_process(backends: Make) -> None:
    one, other = backends().devices(), backends().devices()
    token = await one.remember("agent@example.org")
    assert await other.recognises("agent@example.org", token)
    assert not await other.recognises("other@example.org", token)
    assert not await other.recognises("agent@example.org", "forged") and not await other.recognises("a", None)


async def test_a_staff_reply_published_on_one_process_reaches_a_page_on_the_other(backends: Make) -> None:
    console, gateway = backends(), backends()
    await gateway.live_hub().start()
    page = gateway.live_hub().subscribe("conv-1")
    elsewhere = gateway.live_hub().subscribe("conv-2")
    listening = await console.live_hub().publish("conv-1", {"type": "staff_reply", "text": "Oui", "reference": "NT-1"})
    assert listening >= 1  # the gateway's process
    assert await asyncio.wait_for(page.get(), 2) == {"type": "staff_reply", "text": "Oui", "reference": "NT-1"}
    assert elsewhere.empty()
    await console.client.publish(gateway._hub._channel, "not json")
    await console.live_hub().publish("conv-1", {"type": "staff_reply", "text": "Encore", "reference": None})
    assert (await asyncio.wait_for(page.get(), 2))["text"] == "Encore"  # garbage skipped, hub still up
