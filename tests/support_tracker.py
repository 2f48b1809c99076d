"""A tracker store written as Rasa 3.6 writes it (its `events` table, events as JSON text),
for tests of what reads it: insight, review, purge."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count

from sqlalchemy import Connection, Engine, create_engine, insert

from bot.rasa_io.events_sql import events


@dataclass
class Turn:
    """An applicant's message and the reply; `form` starts (name) or ends ("") a form before it."""

    text: str
    intent: str
    confidence: float = 0.99
    language: str | None = "fr"
    answer: str = "Une réponse."
    message_id: str | None = None
    form: str | None = None
    page: str | None = None


@dataclass
class TrackerWriter:
    """Writes conversations into a tracker store's `events` table (created if missing)."""

    engine: Engine
    _ids: Iterator[int] = field(default_factory=lambda: count(1))

    @classmethod
    def at(cls, url: str) -> TrackerWriter:
        engine = create_engine(url)
        events.metadata.create_all(engine)
        return cls(engine)

    def conversation(self, sender: str, start: float, turns: list[Turn], gap: float = 20.0) -> list[float]:
        """Write the turns `gap` seconds apart from `start`; the user events' timestamps."""
        stamps = []
        with self.engine.begin() as connection:
            at = start
            for turn in turns:
                if turn.form is not None:
                    self._row(connection, sender, "active_loop", at - 1, action=turn.form or None,
                              data={"event": "active_loop", "name": turn.form or None})  # fmt: skip
                metadata = {"language": turn.page or turn.language}
                if turn.message_id:
                    metadata["message_id"] = turn.message_id
                user = {
                    "event": "user",
                    "timestamp": at,
                    "text": turn.text,
                    "metadata": metadata,
                    "parse_data": {
                        "intent": {"name": turn.intent, "confidence": turn.confidence},
                        "language": {"detected": turn.language, "page": turn.page},
                        "text": turn.text,
                    },
                }
                self._row(connection, sender, "user", at, intent=turn.intent, data=user)
                self._row(connection, sender, "slot", at + 0.01, action="language",
                          data={"event": "slot", "name": "language", "value": turn.language or "fr"})  # fmt: skip
                self._row(connection, sender, "action", at + 0.02, action="action_answer", data={"event": "action"})
                self._row(connection, sender, "bot", at + 0.03, data={"event": "bot", "text": turn.answer})
                stamps.append(at)
                at += gap
        return stamps

    def _row(
        self,
        connection: Connection,
        sender: str,
        kind: str,
        at: float,
        intent: str | None = None,
        action: str | None = None,
        data: dict[str, object] | None = None,
    ) -> None:
        connection.execute(
            insert(events).values(
                id=next(self._ids), sender_id=sender, type_name=kind, timestamp=at, intent_name=intent,
                action_name=action, data=json.dumps({**(data or {}), "timestamp": at}),
            )
        )  # fmt: skip

    def dispose(self) -> None:
        self.engine.dispose()
