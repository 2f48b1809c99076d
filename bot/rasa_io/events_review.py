"""Applicants' messages worth a human look, read from the tracker store for the review.

The database filters (fallback, low confidence, a quick next message classified
differently, which may be a rephrasing); the caller decides on the rest with Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypedDict

from sqlalchemy import Connection, Float, Subquery, and_, cast, func, or_, select
from sqlalchemy.sql.elements import ColumnElement, KeyedColumnElement

from bot.rasa_io.events_sql import (
    ACTIVE_LOOP,
    BOT,
    FALLBACK_INTENT,
    USER,
    Window,
    events,
    in_window,
    json_doc,
    json_text,
)
from bot.rasa_io.transcript import Role, role_of

_BATCH = 500  # bounded IN lists


@dataclass(frozen=True)
class UserMessage:
    """One applicant message, as the NLU read it, and the message that came next."""

    event_id: int
    conversation_id: str
    timestamp: float
    text: str
    intent: str
    confidence: float | None
    language: str | None  # detected from the text, else the page's
    next_timestamp: float | None = None
    next_intent: str | None = None
    next_text: str | None = None


@dataclass(frozen=True)
class Line:
    """A line of a conversation: who said it and what."""

    event_id: int
    role: Role
    text: str


def _parsed(condition: ColumnElement[bool]) -> Subquery:
    """The events that meet `condition`, their JSON parsed once per row."""
    columns = (events.c.id, events.c.sender_id, events.c.timestamp, events.c.intent_name)
    return select(*columns, json_doc(events.c.data).label("doc")).where(condition).offset(0).subquery()


def _message_columns(parsed: Subquery) -> list[Any]:
    """id, sender, timestamp, intent, and from the JSON: text, confidence, language."""
    doc = parsed.c.doc
    return [
        parsed.c.id,
        parsed.c.sender_id,
        parsed.c.timestamp,
        parsed.c.intent_name,
        json_text(doc, "text").label("text"),
        cast(json_text(doc, "parse_data", "intent", "confidence"), Float).label("confidence"),
        func.coalesce(
            json_text(doc, "parse_data", "language", "detected"), json_text(doc, "metadata", "language")
        ).label("language"),
    ]


def _message(row: Any, **following: Any) -> UserMessage:
    return UserMessage(
        event_id=int(row.id),
        conversation_id=str(row.sender_id),
        timestamp=float(row.timestamp),
        text=str(row.text),
        intent=str(row.intent_name or ""),
        confidence=None if row.confidence is None else float(row.confidence),
        language=row.language,
        **following,
    )


class _Window(TypedDict):
    """The window of `over()`: one conversation, in the order of its events."""

    partition_by: KeyedColumnElement[Any]
    order_by: KeyedColumnElement[Any]


def doubtful_messages(connection: Connection, window: Window, below: float, within: float) -> list[UserMessage]:
    """Messages the NLU fell back on, was unsure of (< `below`), or that were followed
    within `within` seconds by a message classified differently. Quick-reply payloads
    ("/ask_budget") are left out: the applicant clicked, nothing was misread."""
    fields = select(*_message_columns(_parsed(in_window(window, USER)))).subquery()
    order: _Window = {"partition_by": fields.c.sender_id, "order_by": fields.c.id}
    messages = select(
        fields,
        func.lead(fields.c.timestamp).over(**order).label("next_timestamp"),
        func.lead(fields.c.intent_name).over(**order).label("next_intent"),
        func.lead(fields.c.text).over(**order).label("next_text"),
    ).subquery()
    m = messages.c
    query = (
        select(messages)
        .where(m.text.is_not(None), ~m.text.startswith("/"))
        .where(
            or_(
                m.intent_name == FALLBACK_INTENT,
                m.confidence < below,
                and_(m.next_timestamp - m.timestamp <= within, m.next_intent != m.intent_name),
            )
        )
        .order_by(m.id)
    )
    return [
        _message(row, next_timestamp=row.next_timestamp, next_intent=row.next_intent, next_text=row.next_text)
        for row in connection.execute(query)
    ]


def form_spans(connection: Connection, conversation_ids: Iterable[str]) -> dict[str, list[tuple[int, bool]]]:
    """Per conversation, (event id, a form is active from here on) in order: the
    `active_loop` events, which start a form (a name) or end it (none)."""
    ids = sorted(set(conversation_ids))
    spans: dict[str, list[tuple[int, bool]]] = {}
    for start in range(0, len(ids), _BATCH):
        query = (
            select(events.c.sender_id, events.c.id, events.c.action_name)
            .where(events.c.type_name == ACTIVE_LOOP, events.c.sender_id.in_(ids[start : start + _BATCH]))
            .order_by(events.c.sender_id, events.c.id)
        )
        for sender, event_id, name in connection.execute(query):
            spans.setdefault(str(sender), []).append((int(event_id), bool(name)))
    return spans


def conversation_lines(
    connection: Connection, conversation_id: str, event_id: int, before: int, after: int
) -> list[Line]:
    """The user and bot lines around one event of a conversation, in order."""
    text = json_text(events.c.data, "text").label("text")
    lines = select(events.c.id, events.c.type_name, text).where(
        events.c.sender_id == conversation_id, events.c.type_name.in_((USER, BOT))
    )
    earlier = connection.execute(lines.where(events.c.id < event_id).order_by(events.c.id.desc()).limit(before))
    later = connection.execute(lines.where(events.c.id >= event_id).order_by(events.c.id).limit(after + 1))
    rows = [*reversed(list(earlier)), *later]
    return [Line(int(i), role_of(str(kind)), str(t or "")) for i, kind, t in rows if t]


def user_messages_at(connection: Connection, wanted: Iterable[tuple[str, float]]) -> list[UserMessage]:
    """The user events of these (conversation, timestamp) pairs (e.g. voted "not helpful")."""
    pairs = {(c, round(t, 3)) for c, t in wanted}
    found: list[UserMessage] = []
    ids = sorted({c for c, _ in pairs})
    for start in range(0, len(ids), _BATCH):
        batch = (events.c.type_name == USER) & events.c.sender_id.in_(ids[start : start + _BATCH])
        query = select(*_message_columns(_parsed(batch)))
        found += [
            _message(row)
            for row in connection.execute(query)
            if (str(row.sender_id), round(float(row.timestamp), 3)) in pairs and row.text
        ]
    return found
