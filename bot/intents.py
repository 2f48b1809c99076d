"""The intent table (data/intents.yml): which intents state facts, are questions,
describe the applicant, interrupt or cancel a form, or are set by the NLU guard."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from bot.paths import data_dir

FALLBACK = "nlu_fallback"  # Rasa's FallbackClassifier: the message was not understood


@dataclass(frozen=True)
class IntentTable:
    """The intent taxonomy of data/intents.yml: which intents are facts, questions, interruptions..."""

    facts: frozenset[str]
    questions: frozenset[str]
    describes: frozenset[str]
    about_the_project: frozenset[str]
    about_measures: frozenset[str]
    about_applying: frozenset[str]
    moves: frozenset[str]
    requests: frozenset[str]
    interrupts_forms: frozenset[str]
    cancels_forms: frozenset[str]
    pleasantries: frozenset[str]
    unsure: frozenset[str]
    guarded: frozenset[str]

    def all(self) -> frozenset[str]:
        return (
            self.facts
            | self.questions
            | self.describes
            | self.about_the_project
            | self.about_measures
            | self.about_applying
            | self.moves
            | self.requests
            | self.interrupts_forms
            | self.cancels_forms
            | self.unsure
            | self.guarded
        )


@cache
def intents() -> IntentTable:
    """The table, read once per process."""
    groups = yaml.safe_load((data_dir() / "intents.yml").read_text(encoding="utf-8"))["groups"]
    return IntentTable(**{name: frozenset(members) for name, members in groups.items()})
