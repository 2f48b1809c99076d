"""Maintainers' labels for misunderstood messages: stored with who and when, undoable."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from bot.tickets import validation
from bot.tickets.anonymise import anonymise
from bot.tickets.base import DeskBase
from bot.tickets.models import Annotation

_PURGE_BATCH = 500


@dataclass(frozen=True)
class NewAnnotation:
    """A label given in the review: `text_key` is the text folded as the review groups it."""

    language: str
    text: str
    text_key: str
    intent: str
    predicted_intent: str | None = None
    confidence: float | None = None
    occurrences: int = 1
    conversation_id: str | None = None


@dataclass(frozen=True)
class AnnotationView:
    """A stored label; `undone_at` is set once it was taken back."""

    id: int
    language: str
    text: str
    text_key: str
    intent: str
    predicted_intent: str | None
    confidence: float | None
    occurrences: int
    author_email: str | None
    created_at: datetime
    undone_at: datetime | None


def _view(row: Annotation) -> AnnotationView:
    return AnnotationView(
        id=row.id,
        language=row.language,
        text=row.text,
        text_key=row.text_key,
        intent=row.intent,
        predicted_intent=row.predicted_intent,
        confidence=row.confidence,
        occurrences=row.occurrences,
        author_email=row.author.email if row.author else None,
        created_at=row.created_at,
        undone_at=row.undone_at,
    )


class AnnotationsMixin(DeskBase):
    """Labels for the training data, written out by `make train` (bot.training.reviewed)."""

    def annotate(self, staff_id: int, label: NewAnnotation) -> AnnotationView:
        """Store a label given by an active account (audited).

        Raises:
            ValueError: Empty text, key or intent, or a disabled account.
            LookupError: No such account.
        """
        text = validation.text(anonymise(" ".join(label.text.split())), "annotated text")
        with self._sessions.begin() as session:
            self._acting(session, staff_id)
            row = Annotation(
                language=validation.text(label.language, "language", 8),
                text=text,
                text_key=validation.text(label.text_key, "text key", 255),
                intent=validation.text(label.intent, "intent", 64),
                predicted_intent=label.predicted_intent,
                confidence=label.confidence,
                occurrences=max(1, label.occurrences),
                conversation_id=label.conversation_id,
                created_by=staff_id,
                created_at=self._now(),
            )
            session.add(row)
            session.flush()
            self._audit(session, staff_id, "annotation_added", f"annotation={row.id} intent={row.intent}")
            session.refresh(row)
            return _view(row)

    def undo_annotation(self, annotation_id: int, staff_id: int) -> AnnotationView:
        """Take a label back; the message comes back to the review.

        Raises:
            LookupError: No such annotation.
            ValueError: Already undone, or a disabled account.
        """
        with self._sessions.begin() as session:
            self._acting(session, staff_id)
            row = session.get(Annotation, annotation_id)
            if row is None:
                raise LookupError("no such annotation")
            if row.undone_at is not None:
                raise ValueError("this annotation was already undone")
            row.undone_at, row.undone_by = self._now(), staff_id
            self._audit(session, staff_id, "annotation_undone", f"annotation={row.id}")
            return _view(row)

    def annotations(self, limit: int = 50) -> list[AnnotationView]:
        """The latest labels, undone ones included, newest first."""
        query = select(Annotation).order_by(Annotation.created_at.desc(), Annotation.id.desc()).limit(limit)
        with self._sessions() as session:
            return [_view(row) for row in session.scalars(query)]

    def all_annotations(self) -> list[AnnotationView]:
        """Every label, oldest first (what `make train` writes out, or removes when undone)."""
        with self._sessions() as session:
            return [_view(row) for row in session.scalars(select(Annotation).order_by(Annotation.id))]

    def annotated_keys(self) -> set[tuple[str, str]]:
        """(language, text key) of the labels in force: those messages leave the review."""
        query = select(Annotation.language, Annotation.text_key).where(Annotation.undone_at.is_(None))
        with self._sessions() as session:
            return {(language, key) for language, key in session.execute(query)}

    def forget_annotation_conversations(self, conversation_ids: Iterable[str]) -> None:
        """Unlink labels from purged conversations (the masked text stays: it is training data)."""
        ids = list(conversation_ids)
        with self._sessions.begin() as session:
            for start in range(0, len(ids), _PURGE_BATCH):
                batch = ids[start : start + _PURGE_BATCH]
                session.execute(
                    update(Annotation).where(Annotation.conversation_id.in_(batch)).values(conversation_id=None)
                )
