"""Applicants' "was this helpful?" on the assistant's answers: stored, changed once, purged."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.rasa_io.tracker_json import AnsweredMessage
from bot.tickets import validation
from bot.tickets.anonymise import anonymise
from bot.tickets.base import DeskBase
from bot.tickets.models import Feedback

MAX_CHANGES = 1  # one click, then one change of mind
MAX_STORED_CHARS = 2000
_PURGE_BATCH = 500


@dataclass(frozen=True)
class FeedbackView:
    """A stored vote; `final` once it can no longer be changed."""

    conversation_id: str
    message_id: str
    helpful: bool
    final: bool
    intent: str | None
    confidence: float | None
    language: str | None
    question: str | None
    event_timestamp: float | None
    created_at: datetime


def _view(row: Feedback) -> FeedbackView:
    return FeedbackView(
        conversation_id=row.conversation_id,
        message_id=row.message_id,
        helpful=row.helpful,
        final=row.changes >= MAX_CHANGES,
        intent=row.intent,
        confidence=row.confidence,
        language=row.language,
        question=row.question,
        event_timestamp=row.event_timestamp,
        created_at=row.created_at,
    )


def _masked(text: str | None) -> str | None:
    return anonymise(text)[:MAX_STORED_CHARS] if text else None


class FeedbackMixin(DeskBase):
    """Votes on answers, keyed by conversation and the page's message id."""

    def record_feedback(
        self, conversation_id: str, message_id: str, helpful: bool, about: AnsweredMessage
    ) -> FeedbackView:
        """Store a vote, or its one change of mind (the same vote again changes nothing).

        Raises:
            ValueError: Empty or overlong ids, or a vote already changed once.
        """
        conversation_id = validation.text(conversation_id, "conversation id", validation.MAX_CONVERSATION_ID_CHARS)
        message_id = validation.text(message_id, "message id", 64)
        for _attempt in range(2):  # the second time, the concurrent insert is there to update
            try:
                with self._sessions.begin() as session:
                    return self._vote(session, conversation_id, message_id, helpful, about)
            except IntegrityError:
                continue
        raise ValueError("the vote could not be stored, try again")

    def _vote(
        self, session: Session, conversation_id: str, message_id: str, helpful: bool, about: AnsweredMessage
    ) -> FeedbackView:
        now = self._now()
        query = select(Feedback).where(Feedback.conversation_id == conversation_id, Feedback.message_id == message_id)
        row = session.scalar(query)
        if row is None:
            row = Feedback(
                conversation_id=conversation_id,
                message_id=message_id,
                helpful=helpful,
                changes=0,
                intent=about.intent,
                confidence=about.confidence,
                language=about.language,
                question=_masked(about.question),
                answer=_masked(about.answer),
                event_timestamp=about.event_timestamp,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
        elif row.helpful != helpful:
            if row.changes >= MAX_CHANGES:
                raise ValueError("this vote was already changed once")
            row.helpful, row.changes, row.updated_at = helpful, row.changes + 1, now
        return _view(row)

    def not_helpful(self, since: datetime, until: datetime) -> list[FeedbackView]:
        """Answers marked "not helpful" in [since, until), newest first."""
        query = (
            select(Feedback)
            .where(Feedback.helpful.is_(False), Feedback.created_at >= since, Feedback.created_at < until)
            .order_by(Feedback.created_at.desc())
        )
        with self._sessions() as session:
            return [_view(row) for row in session.scalars(query)]

    def helpful_counts(self, since: datetime, until: datetime) -> dict[bool, int]:
        """How many answers were voted helpful (True) and not (False) in [since, until)."""
        query = (
            select(Feedback.helpful, func.count())
            .where(Feedback.created_at >= since, Feedback.created_at < until)
            .group_by(Feedback.helpful)
        )
        with self._sessions() as session:
            counts = {bool(helpful): int(count) for helpful, count in session.execute(query)}
        return {True: counts.get(True, 0), False: counts.get(False, 0)}

    def forget_feedback(self, conversation_ids: Iterable[str]) -> int:
        """Delete the votes of these conversations (they were purged); returns how many."""
        ids, removed = list(conversation_ids), 0
        with self._sessions.begin() as session:
            for start in range(0, len(ids), _PURGE_BATCH):
                batch = ids[start : start + _PURGE_BATCH]
                result = session.execute(delete(Feedback).where(Feedback.conversation_id.in_(batch)))
                removed += int(getattr(result, "rowcount", 0) or 0)
        return removed
