"""What an answer is made of: the question asked, its context, and the reply given."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.dialogue.memory import Memory

# What a reply can start or offer; the action server turns these into Rasa events.
ELIGIBILITY_CHECK = "eligibility_form"
HANDOFF = "handoff_form"


@dataclass(frozen=True)
class Context:
    """What the conversation so far tells about this message."""

    offer: str | None = None  # what the previous reply offered (ELIGIBILITY_CHECK, HANDOFF)
    previous_question: str | None = None  # the applicant's last question before this message
    fallbacks_in_a_row: int = 0  # messages not understood just before this one
    last_message: str | None = None  # what the applicant wrote just before this message
    likely_intents: tuple[str, ...] = ()  # NLU's runner-up intents, most likely first
    memory: Memory = field(default_factory=Memory)  # what the applicant told us so far


@dataclass(frozen=True)
class Question:
    """One applicant message, already classified."""

    intent: str
    text: str
    lang: str
    today: dt.date
    context: Context = field(default_factory=Context)
    follow_up: bool = False  # a follow-up, read against the conversation's last topic
    focus: int | None = None  # a measure named by its number only ("et la 3 ?")


@dataclass(frozen=True)
class Button:
    """A quick reply: the title shown and the payload sent."""

    title: str
    payload: str

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "payload": self.payload}


@dataclass(frozen=True)
class Reply:
    """The text of a reply, its quick-reply buttons, and what it leads to.

    `offer` is something the applicant may accept with "yes" in their next message;
    `start` begins a guided conversation (a Rasa form) right away; `question` is the
    applicant's question to hand to staff, when the reply offers or starts that.
    """

    text: str
    buttons: list[Button] = field(default_factory=list)
    offer: str | None = None
    start: str | None = None
    question: str | None = None
