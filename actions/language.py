"""The reply language of a tracker (the decision is bot.language.reply's)."""

from __future__ import annotations

from rasa_sdk import Tracker

from bot.language.reply import reply_language as decide


def reply_language(tracker: Tracker) -> str:
    """The language to answer in, from the latest message and the `language` slot."""
    return decide(tracker.latest_message, tracker.get_slot("language"))
