"""Server-side sessions of the staff console.

`SessionStore` keeps them in this process's memory (`make run`: one bot.web, a restart
logs staff out); `bot.web.state.redis_sessions` keeps them in Redis for several bot.web
processes. The tickets schema belongs to the data layer, so not in the database. The
cookie holds only a random token; the stores key sessions by the token's SHA-256, so a
store never holds a usable cookie value. Every session expires after an idle time and
after a maximum age.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

COOKIE_NAME = "staff_session"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass
class Session:
    """One logged-in member of staff.

    Attributes:
        staff_id: The account, as known to the Desk.
        csrf_token: Must come back in the `csrf_token` field of every form posted.
        language: Language of the console's interface (`fr` or `nl`).
        created_at: Monotonic time of the login.
        seen_at: Monotonic time of the last request.
        flashes: Messages shown once, on the next page (text key, category).
    """

    staff_id: int
    csrf_token: str
    language: str
    created_at: float
    seen_at: float
    flashes: list[tuple[str, str]] = field(default_factory=list)

    def flash(self, key: str, category: str = "info") -> None:
        """Queue a message (a key of the interface texts) for the next page."""
        self.flashes.append((key, category))

    def pop_flashes(self) -> list[tuple[str, str]]:
        """Return the queued messages and forget them."""
        flashes, self.flashes = self.flashes, []
        return flashes

    def changes(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """What a request may change (a store that is not this object saves it when it did)."""
        return self.language, tuple(self.flashes)


class SessionStore:
    """Sessions by hashed token, with idle and absolute expiry."""

    def __init__(self, idle_seconds: float, max_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._idle = idle_seconds
        self._max = max_seconds
        self._clock = clock
        self._sessions: dict[str, Session] = {}

    async def create(self, staff_id: int, language: str) -> tuple[str, Session]:
        """Open a session.

        Args:
            staff_id: The account that logged in.
            language: Interface language chosen on the login page.

        Returns:
            The token for the cookie, and the session.
        """
        self._prune()
        token = secrets.token_urlsafe(32)
        now = self._clock()
        session = Session(staff_id, secrets.token_urlsafe(32), language, now, now)
        self._sessions[_digest(token)] = session
        return token, session

    async def get(self, token: str | None) -> Session | None:
        """The live session of a cookie's token, or None (unknown or expired)."""
        if not token:
            return None
        key = _digest(token)
        session = self._sessions.get(key)
        if session is None:
            return None
        now = self._clock()
        if now - session.seen_at > self._idle or now - session.created_at > self._max:
            del self._sessions[key]
            return None
        session.seen_at = now
        return session

    async def drop(self, token: str | None) -> None:
        """End the session of a token (logout)."""
        if token:
            self._sessions.pop(_digest(token), None)

    async def drop_staff(self, staff_id: int) -> None:
        """End every session of an account (disabled, or its password reset)."""
        for key in [k for k, s in self._sessions.items() if s.staff_id == staff_id]:
            del self._sessions[key]

    async def save(self, token: str, session: Session) -> None:
        """Nothing to do: the session is this store's own object."""

    def __len__(self) -> int:
        return len(self._sessions)

    def _prune(self) -> None:
        now = self._clock()
        expired = [
            key for key, s in self._sessions.items() if now - s.seen_at > self._idle or now - s.created_at > self._max
        ]
        for key in expired:
            del self._sessions[key]
