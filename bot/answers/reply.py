"""What an answer is made of: the question asked and the reply given."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Question:
    """One applicant message, already classified."""

    intent: str
    text: str
    lang: str
    today: dt.date


@dataclass(frozen=True)
class Button:
    title: str
    payload: str

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "payload": self.payload}


@dataclass(frozen=True)
class Reply:
    """The text of a reply and its quick-reply buttons."""

    text: str
    buttons: list[Button] = field(default_factory=list)
