"""Settings of the staff console that the shared `WebSettings` does not hold."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class StaffConfig:
    """Timings of the staff console.

    Attributes:
        mail_retry_seconds: How often failed reply e-mails are retried (MAIL_RETRY_SECONDS).
        session_idle_seconds: A session unused this long ends (STAFF_SESSION_IDLE_SECONDS).
        session_max_seconds: A session ends this long after login, used or not.
        free_failures: Failed logins on one account from one address (or known browser)
            before its next attempts wait (nothing is ever locked: `throttle.py`).
        first_delay_seconds: The first wait; each further failure doubles it, up to
            `max_delay_seconds`.
        max_delay_seconds: Longest wait before a password is checked.
        review_below: The review shows messages the NLU classified with less confidence
            than this (REVIEW_CONFIDENCE_BELOW).
        database_retry_seconds: How often the schema upgrade is tried again while the
            tickets database is unreachable at start-up.
    """

    mail_retry_seconds: float = 60.0
    session_idle_seconds: float = 2 * 3600
    session_max_seconds: float = 12 * 3600
    free_failures: int = 5
    first_delay_seconds: float = 1.0
    max_delay_seconds: float = 30.0
    review_below: float = 0.6
    database_retry_seconds: float = 10.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> StaffConfig:
        """Read the settings from the environment (README, "Settings").

        Args:
            env: Variables to read instead of `os.environ`.

        Returns:
            The settings, defaults where a variable is unset.
        """
        env = os.environ if env is None else env
        return cls(
            mail_retry_seconds=float(env.get("MAIL_RETRY_SECONDS", "60")),
            session_idle_seconds=float(env.get("STAFF_SESSION_IDLE_SECONDS", str(2 * 3600))),
            review_below=float(env.get("REVIEW_CONFIDENCE_BELOW", "0.6")),
        )
