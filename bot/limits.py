"""Limits on what applicants send, shared by the NLU guard and the replies that explain them."""

from __future__ import annotations

from bot.settings import bot_settings


def max_message_chars() -> int:
    """Longest message the assistant reads (MAX_MESSAGE_CHARS, default 2000)."""
    return bot_settings().max_message_chars
