"""Checks of what callers hand to the desk: clear ValueErrors instead of database errors."""

from __future__ import annotations

import re

from bot.language.languages import SUPPORTED
from bot.tickets.models import REPLY_CHANNELS, ROLES, STATUSES

MAX_TEXT_CHARS = 10_000
MAX_KEY_CHARS = 128
MAX_CONVERSATION_ID_CHARS = 255
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def email(value: str, what: str = "e-mail address") -> str:
    """A well-formed e-mail address, stripped of blanks (its text is never echoed back)."""
    value = value.strip()
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValueError(f"not a valid {what}")
    return value


def staff_email(value: str) -> str:
    """A staff login: a valid e-mail address, lower-cased so that logins ignore case."""
    return email(value, "staff e-mail address").lower()


def text(value: str, what: str, limit: int = MAX_TEXT_CHARS) -> str:
    """Non-empty free text of at most `limit` characters, stripped."""
    value = value.strip()
    if not value:
        raise ValueError(f"the {what} is empty")
    if len(value) > limit:
        raise ValueError(f"the {what} is longer than {limit} characters")
    return value


def one_of(value: str | None, allowed: tuple[str, ...], what: str) -> str:
    """`value` if it is one of `allowed`."""
    if value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def language(value: str | None) -> str:
    """A supported language code (fr or nl)."""
    return one_of(value, SUPPORTED, "language")


def status(value: str | None) -> str:
    """A ticket status (open, answered or closed)."""
    return one_of(value, STATUSES, "status")


def role(value: str | None) -> str:
    """A staff role (staff or admin)."""
    return one_of(value, ROLES, "role")


def reply_channel(value: str | None) -> str:
    """A reply channel (email or chat)."""
    return one_of(value, REPLY_CHANNELS, "reply channel")
