"""The lock store of several Rasa servers on the machine's real Redis: two stores (two
servers) each handling messages of one conversation at the same time never hold its
lock together, and every message gets its turn (no `LockError`)."""

from __future__ import annotations

import asyncio
import os
import secrets
import threading
from collections.abc import Iterator

import pytest
import redis

from bot.rasa_plugins.lock_store import AtomicRedisLockStore

MESSAGES_PER_SERVER = 8


@pytest.fixture
def prefix() -> Iterator[str]:
    client = redis.Redis(host="127.0.0.1", port=6379, db=0, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis unreachable at 127.0.0.1:6379 ({error})")
        pytest.skip(f"Redis unreachable at 127.0.0.1:6379 ({error})")
    name = f"test{secrets.token_hex(4)}"  # Rasa accepts alphanumeric prefixes only
    yield name
    keys = list(client.scan_iter(match=f"{name}:*"))
    if keys:
        client.delete(*keys)
    client.close()


def test_two_servers_never_hold_one_conversations_lock_together(prefix: str) -> None:
    holders, most, handled, errors = [0], [0], [0], []
    count = threading.Lock()

    async def handle(store: AtomicRedisLockStore) -> None:
        async with store.lock("conversation", lock_lifetime=30, wait_time_in_seconds=0.01):
            with count:
                holders[0] += 1
                most[0] = max(most[0], holders[0])
            await asyncio.sleep(0.02)  # the message being handled
            with count:
                holders[0] -= 1
                handled[0] += 1

    def server() -> None:  # its own store and event loop, as a Rasa server process has
        store = AtomicRedisLockStore(host="127.0.0.1", port=6379, db=0, key_prefix=prefix)

        async def messages() -> None:
            await asyncio.gather(*(handle(store) for _ in range(MESSAGES_PER_SERVER)))

        try:
            asyncio.run(messages())
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=server) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert handled[0] == 2 * MESSAGES_PER_SERVER
    assert most[0] == 1


def test_the_endpoint_configuration_is_read_as_rasa_gives_it(prefix: str) -> None:
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import EndpointConfig

    config = EndpointConfig(
        url="127.0.0.1", type="bot.rasa_plugins.lock_store.AtomicRedisLockStore", port="6379", db="0", key_prefix=prefix
    )
    store = LockStore.create(config)
    assert isinstance(store, AtomicRedisLockStore)
    assert store.issue_ticket("c") == 0 and store.issue_ticket("c") == 1
