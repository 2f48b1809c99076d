"""What needs a human look, most frequent first, grouped by similar text.

A message is kept when the NLU fell back on it, was unsure of it, the applicant rephrased
it right after (a quick, similar message read as another intent), or marked its answer
"not helpful"; it is also flagged when it was handed to staff. Left out: quick-reply
clicks, answers to a guided conversation's questions (a form reads them, not the NLU),
messages that are only masked contact details, messages in no known language, and those
already annotated. Everything shown is masked (e-mail addresses, phone numbers).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Engine

from bot.insight.period import Period
from bot.language import SUPPORTED
from bot.rasa_io import events_review as rows
from bot.rasa_io.events_sql import FALLBACK_INTENT
from bot.review.folding import fold, masked, only_masks, similarity
from bot.tickets.service import Desk

FALLBACK, LOW_CONFIDENCE, REPHRASED, NOT_HELPFUL, HANDED_OFF = (
    "fallback",
    "low_confidence",
    "rephrased",
    "not_helpful",
    "handed_off",
)
FLAGS = (FALLBACK, LOW_CONFIDENCE, REPHRASED, NOT_HELPFUL, HANDED_OFF)
REPHRASE_SECONDS = 120.0  # the next message came this soon...
REPHRASE_SIMILARITY = 0.35  # ...sharing this much of its words, yet read as another intent
CONTEXT_BEFORE, CONTEXT_AFTER = 3, 2


@dataclass(frozen=True)
class ReviewItem:
    """A group of similar messages in one language, shown by its latest example."""

    language: str
    key: str
    text: str
    count: int
    flags: tuple[str, ...]
    predicted: str
    confidence: float | None
    conversation_id: str
    event_id: int
    context: list[rows.Line] = field(default_factory=list)


@dataclass
class _Seen:
    message: rows.UserMessage
    flags: set[str]


def _flags(message: rows.UserMessage, below: float) -> set[str]:
    found = set()
    if message.intent == FALLBACK_INTENT:
        found.add(FALLBACK)
    elif message.confidence is not None and message.confidence < below:
        found.add(LOW_CONFIDENCE)
    quick = message.next_timestamp is not None and message.next_timestamp - message.timestamp <= REPHRASE_SECONDS
    other = message.next_intent != message.intent and bool(message.next_text)
    if quick and other and similarity(message.text, message.next_text or "") >= REPHRASE_SIMILARITY:
        found.add(REPHRASED)
    return found


def _in_form(spans: list[tuple[int, bool]], event_id: int) -> bool:
    active = False
    for started_at, starts in spans:
        if started_at > event_id:
            break
        active = starts
    return active


def _collect(connection: Any, desk: Desk, period: Period, below: float) -> dict[int, _Seen]:
    window = period.window()
    seen: dict[int, _Seen] = {}
    for message in rows.doubtful_messages(connection, window, below, REPHRASE_SECONDS):
        flags = _flags(message, below)
        if flags:
            seen[message.event_id] = _Seen(message, flags)
    since, until = period.utc_bounds()
    votes = [(v.conversation_id, v.event_timestamp) for v in desk.not_helpful(since, until) if v.event_timestamp]
    for message in rows.user_messages_at(connection, votes):
        if not message.text.startswith("/"):
            seen.setdefault(message.event_id, _Seen(message, set())).flags.add(NOT_HELPFUL)
    handed = {(conversation, fold(question)) for conversation, question in desk.handed_off_questions(since, until)}
    spans = rows.form_spans(connection, {s.message.conversation_id for s in seen.values()})
    kept = {}
    for event_id, item in seen.items():
        message = item.message
        if _in_form(spans.get(message.conversation_id, []), event_id) or only_masks(message.text):
            continue
        if message.language not in SUPPORTED:
            continue
        if (message.conversation_id, fold(masked(message.text))) in handed:
            item.flags.add(HANDED_OFF)
        kept[event_id] = item
    return kept


def _group(seen: dict[int, _Seen], annotated: set[tuple[str, str]]) -> list[ReviewItem]:
    groups: dict[tuple[str, str], list[_Seen]] = {}
    for item in seen.values():
        text = masked(item.message.text)
        key = (str(item.message.language), fold(text))
        if key[1] and key not in annotated:
            groups.setdefault(key, []).append(item)
    items = []
    for (language, text_key), members in groups.items():
        latest = max(members, key=lambda s: s.message.timestamp)
        intents = Counter(s.message.intent for s in members)
        flags = set().union(*(s.flags for s in members))
        items.append(
            ReviewItem(
                language=language,
                key=text_key,
                text=masked(latest.message.text),
                count=len(members),
                flags=tuple(f for f in FLAGS if f in flags),
                predicted=intents.most_common(1)[0][0],
                confidence=latest.message.confidence,
                conversation_id=latest.message.conversation_id,
                event_id=latest.message.event_id,
            )
        )
    items.sort(key=lambda i: (-i.count, -i.event_id))
    return items


def review_items(
    tracker_store: Engine | None, desk: Desk, period: Period, below: float, limit: int = 50
) -> tuple[list[ReviewItem], int]:
    """The groups to review (the first `limit`, with their conversation), and how many in all."""
    if tracker_store is None:
        return [], 0
    with tracker_store.connect() as connection:
        items = _group(_collect(connection, desk, period, below), desk.annotated_keys())
        shown = []
        for item in items[:limit]:
            lines = rows.conversation_lines(
                connection, item.conversation_id, item.event_id, CONTEXT_BEFORE, CONTEXT_AFTER
            )
            shown.append(replace(item, context=[replace(line, text=masked(line.text)) for line in lines]))
    return shown, len(items)
