"""Activity figures from the tracker store, aggregated in the database (GROUP BY).

Every function takes an open connection and a `Window` (a period in Unix seconds, with
the local time's UTC offsets), and returns small dicts: nothing loads every event.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, case, distinct, func, literal, select
from sqlalchemy.sql.elements import ColumnElement

from bot.rasa_io.events_sql import SLOT, USER, Window, events, in_window, json_text, whole_days

LANGUAGE_SLOT = "language"  # set on every answer: the language the assistant replied in


def _local_offset(window: Window) -> ColumnElement[Any]:
    first, *later = window.offsets
    if not later:
        return literal(first[1])
    changes = [
        (events.c.timestamp < since, offset) for (since, _), (_, offset) in zip(later, window.offsets[:-1], strict=True)
    ]
    return case(*changes, else_=later[-1][1])


def daily_activity(connection: Connection, window: Window) -> dict[int, tuple[int, int]]:
    """Local day number (days since 1970-01-01) -> (applicant messages, conversations)."""
    day = whole_days(events.c.timestamp + _local_offset(window)).label("day")
    messages = select(day, events.c.sender_id).where(in_window(window, USER)).subquery()
    query = select(messages.c.day, func.count(), func.count(distinct(messages.c.sender_id))).group_by(messages.c.day)
    return {int(d): (int(m), int(c)) for d, m, c in connection.execute(query)}


def totals(connection: Connection, window: Window) -> tuple[int, int]:
    """(applicant messages, distinct conversations) in the window."""
    query = select(func.count(), func.count(distinct(events.c.sender_id))).where(in_window(window, USER))
    messages, conversations = connection.execute(query).one()
    return int(messages), int(conversations)


def conversations_per_language(connection: Connection, window: Window) -> dict[str, int]:
    """Reply language -> conversations answered in it (one that switched counts in each)."""
    value = json_text(events.c.data, "value").label("language")
    slots = (
        select(value, events.c.sender_id)
        .where(in_window(window, SLOT), events.c.action_name == LANGUAGE_SLOT)
        .subquery()
    )
    query = (
        select(slots.c.language, func.count(distinct(slots.c.sender_id)))
        .where(slots.c.language.is_not(None))
        .group_by(slots.c.language)
    )
    return {str(language): int(count) for language, count in connection.execute(query)}


def intent_counts(connection: Connection, window: Window) -> dict[str, int]:
    """Intent -> applicant messages classified so (quick-reply clicks included)."""
    query = select(events.c.intent_name, func.count()).where(in_window(window, USER)).group_by(events.c.intent_name)
    return {str(intent or ""): int(count) for intent, count in connection.execute(query)}
