"""Which sender ids (conversation ids) the assistant accepts.

A sender id keys the tracker store, the lock store and the tickets, so it must be a
string every one of them stores as given: printable (no NUL, control or format
character, no lone surrogate) and short enough for a ticket's idempotency key, which is
the sender id, ":" and a timestamp, at most 128 characters (bot.tickets.validation).
"""

from __future__ import annotations

MAX_SENDER_CHARS = 100


def sender_problem(value: object) -> str | None:
    """Why `value` cannot be a sender id, or None when it can."""
    if not isinstance(value, str) or not value.strip():
        return "sender must be a non-empty string"
    if len(value) > MAX_SENDER_CHARS:
        return f"sender must be at most {MAX_SENDER_CHARS} characters"
    if not value.isprintable():  # controls, NUL, format characters, lone surrogates
        return "sender must contain printable characters only"
    return None
