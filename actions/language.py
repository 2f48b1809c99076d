"""The language a reply is written in, decided from the tracker."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Tracker

from bot.language import SUPPORTED

DEFAULT_LANGUAGE = "fr"


def reply_language(tracker: Tracker) -> str:
    """The language to answer in.

    In order: a language asked for or confidently detected in this message (the NLU
    component also fills the `language` slot with it), the conversation's language (the
    slot), the language of the page the applicant writes from (message metadata), what the
    letters of a message without marker words look like ("tijdslimiet?"), French.
    """
    info: Mapping[str, Any] = tracker.latest_message.get("language") or {}
    candidates: list[str | None] = [
        info.get("requested"),
        info.get("detected"),
        tracker.get_slot("language"),
        info.get("page"),
        _metadata_language(tracker),
        info.get("leaning"),
    ]
    return next((c for c in candidates if c in SUPPORTED), DEFAULT_LANGUAGE)


def _metadata_language(tracker: Tracker) -> str | None:
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata.get("language") if isinstance(metadata, dict) else None
