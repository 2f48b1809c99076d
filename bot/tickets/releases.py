"""The record of trained models: evaluated, put live or refused, rolled back (`make train`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.tickets.base import DeskBase
from bot.tickets.models import ModelRelease

# Per language: (right, total) on held-out messages, (passed, total) on conversation tests.
Scores = dict[str, tuple[int, int]]


@dataclass(frozen=True)
class ReleaseView:
    """A trained model and what was decided about it."""

    model_id: str
    status: str
    trained_at: datetime | None
    inputs_fingerprint: str
    holdout: Scores = field(default_factory=dict)
    conversations: Scores = field(default_factory=dict)
    reason: str = ""
    decided_at: datetime | None = None


def _scores(text: str) -> Scores:
    data = json.loads(text or "{}")
    return {str(lang): (int(pair[0]), int(pair[1])) for lang, pair in data.items()}


def _view(row: ModelRelease) -> ReleaseView:
    return ReleaseView(
        model_id=row.model_id,
        status=row.status,
        trained_at=row.trained_at,
        inputs_fingerprint=row.inputs_fingerprint,
        holdout=_scores(row.holdout),
        conversations=_scores(row.conversations),
        reason=row.reason,
        decided_at=row.decided_at,
    )


class ReleasesMixin(DeskBase):
    """Which model is live, which one a rollback brings back, which ones were refused."""

    def record_candidate(self, model_id: str, trained_at: datetime | None, inputs_fingerprint: str) -> ReleaseView:
        """A freshly trained model, not yet decided on."""
        with self._sessions.begin() as session:
            row = self._row(session, model_id) or ModelRelease(model_id=model_id, created_at=self._now())
            row.trained_at, row.inputs_fingerprint, row.status = trained_at, inputs_fingerprint, "candidate"
            session.add(row)
            return _view(row)

    def record_live(self, model_id: str, trained_at: datetime | None) -> None:
        """Note the live model when it was installed by other means (copied, trained by hand)."""
        with self._sessions.begin() as session:
            if self._row(session, model_id) is None:
                session.add(ModelRelease(model_id=model_id, trained_at=trained_at, inputs_fingerprint="",
                                         status="live", created_at=self._now()))  # fmt: skip

    def decide(self, model_id: str, accepted: bool, holdout: Scores, conversations: Scores, reason: str) -> None:
        """Record the evaluation; an accepted model becomes live and the live one previous.

        Raises:
            LookupError: The model was never recorded.
        """
        with self._sessions.begin() as session:
            row = self._row(session, model_id)
            if row is None:
                raise LookupError(f"model {model_id} was never recorded")
            row.holdout, row.conversations = json.dumps(holdout), json.dumps(conversations)
            row.reason, row.decided_at = reason, self._now()
            if not accepted:
                row.status = "refused"
                return
            for older in session.scalars(select(ModelRelease).where(ModelRelease.status == "previous")):
                older.status = "retired"
            for live in session.scalars(select(ModelRelease).where(ModelRelease.status == "live")):
                live.status = "previous"
            row.status = "live"

    def swap_live_and_previous(self) -> ReleaseView | None:
        """After `make rollback`: the previous model is live again, the other one previous."""
        with self._sessions.begin() as session:
            live = session.scalars(select(ModelRelease).where(ModelRelease.status == "live")).all()
            previous = session.scalars(select(ModelRelease).where(ModelRelease.status == "previous")).all()
            for row in live:
                row.status = "previous"
            for row in previous:
                row.status, row.decided_at = "live", self._now()
            return _view(previous[0]) if previous else None

    def release(self, model_id: str) -> ReleaseView | None:
        """What is known about this model, or None."""
        with self._sessions() as session:
            row = self._row(session, model_id)
            return _view(row) if row else None

    def releases(self, limit: int = 10) -> list[ReleaseView]:
        """The latest models trained, newest first."""
        query = select(ModelRelease).order_by(ModelRelease.created_at.desc(), ModelRelease.id.desc()).limit(limit)
        with self._sessions() as session:
            return [_view(row) for row in session.scalars(query)]

    @staticmethod
    def _row(session: Session, model_id: str) -> ModelRelease | None:
        return session.scalar(select(ModelRelease).where(ModelRelease.model_id == model_id))
