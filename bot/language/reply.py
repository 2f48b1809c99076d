"""The language a reply is written in, decided from the latest message and the conversation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.language.languages import DEFAULT, SUPPORTED
from bot.rasa_io.parse_data import LANGUAGE


def reply_language(latest_message: Mapping[str, Any], conversation_language: object = None) -> str:
    """The language to answer in.

    In order: a language asked for or confidently detected in this message (the NLU
    component also fills the `language` slot with it), the conversation's language (the
    slot), the language of the page the applicant writes from (message metadata), what the
    letters of a message without marker words look like ("tijdslimiet?"), the default.

    Args:
        latest_message: The parsed message (the tracker's `latest_message`).
        conversation_language: The `language` slot.
    """
    info = latest_message.get(LANGUAGE)
    info = info if isinstance(info, Mapping) else {}
    metadata = latest_message.get("metadata")
    candidates = [
        info.get("requested"),
        info.get("detected"),
        conversation_language,
        info.get("page"),
        metadata.get("language") if isinstance(metadata, Mapping) else None,
        info.get("leaning"),
    ]
    return next((str(c) for c in candidates if c in SUPPORTED), DEFAULT)
