"""Conversation ids: random, made by the server, and checked when a page brings one back."""

from __future__ import annotations

import re
import secrets

# 32 url-safe characters = 192 random bits: nobody guesses another applicant's id.
_ID = re.compile(r"[A-Za-z0-9_-]{32}")
_MESSAGE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def new_conversation_id() -> str:
    """A new random conversation id (192 bits)."""
    return secrets.token_urlsafe(24)


def valid_conversation_id(value: object) -> bool:
    """Whether `value` is a conversation id this gateway could have made."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def valid_message_id(value: object) -> bool:
    """Whether `value` is a well-formed message id from the page."""
    return isinstance(value, str) and _MESSAGE_ID.fullmatch(value) is not None
