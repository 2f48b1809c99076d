"""The lock store of several Rasa servers (`deploy/endpoints.production.yml`): Rasa's
Redis lock store, with each of its read-modify-write steps made atomic.

Rasa's `RedisLockStore` keeps a conversation's ticket queue as one JSON value, read,
changed and written back without a transaction (RasaHQ/rasa#9213). Two servers taking
a ticket for the same conversation at the same moment can get the same number and
handle two messages at once, or one can delete the queue while the other's ticket is
in it (`LockError`, the message refused). Measured here: twelve messages of one
conversation sent at once through the load balancer to two servers, a `LockError`.
Each step (issue a ticket, drop expired ones, finish and clean up) now runs under a
short Redis mutex per conversation; waiting for one's turn is Rasa's own loop, looking
again every 0.1 s instead of every second.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager, contextmanager
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# A server killed between two Redis calls frees the mutex after this; a step takes ms.
MUTEX_SECONDS = 5
# How often a message waiting for its conversation's turn looks again (Rasa: every 1 s,
# so the tenth message of a burst waited about ten seconds more than it needed).
WAIT_SECONDS = 0.1


class AtomicRedisLockStore(RedisLockStore):  # type: ignore[misc]  # Rasa is not installed where mypy runs: its classes are Any
    """Rasa's Redis lock store with atomic ticket and lock operations, safe across servers."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:  # `type: <module path>` in endpoints: Rasa passes the config
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    @contextmanager
    def _exclusive(self, conversation_id: str) -> Iterator[None]:
        mutex = self.red.lock(
            f"{self.key_prefix}{conversation_id}:mutex", timeout=MUTEX_SECONDS, blocking_timeout=2 * MUTEX_SECONDS
        )
        with mutex:
            yield

    def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = WAIT_SECONDS
    ) -> AbstractAsyncContextManager[TicketLock]:
        lock: AbstractAsyncContextManager[TicketLock] = super().lock(
            conversation_id, lock_lifetime, wait_time_in_seconds
        )
        return lock

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._exclusive(conversation_id):
            ticket: int = super().issue_ticket(conversation_id, lock_lifetime)
            return ticket

    def update_lock(self, conversation_id: str) -> None:
        with self._exclusive(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        with self._exclusive(conversation_id):
            super().cleanup(conversation_id, ticket_number)
