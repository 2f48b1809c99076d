"""What the conversation remembers about the applicant and about itself.

Kept in Rasa slots (SLOTS), learnt from every message: the kind of applicant and where
they are based, when they say it of themselves ("nous sommes une asbl d'Ixelles"), and
what their project does, when a message describes one. Never names, e-mail addresses or
phone numbers: only the sentences that describe the project are kept, contact details
masked, and a sentence that introduces a person ("je m'appelle Anne") is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any

from bot.dialogue.cues import found, says
from bot.eligibility.interpret import applicant_kind, mentions_brussels, speaks_about_self
from bot.recommend import recommend
from bot.recommend.measures import find_clues
from bot.text.segments import sentence_spans
from bot.tickets.anonymise import anonymise

BRUSSELS, OUTSIDE = "brussels", "outside"
_OUTSIDE_KIND = "outside_brussels"  # a place, listed among the applicant types of the vocabulary
MAX_PROJECT_CHARS = 600
# A project is what it does or uses ("des ateliers", "en réalité virtuelle"), not only whom.
_WHAT_IT_DOES = {"activities", "technologies"}


@dataclass(frozen=True)
class Memory:
    """The conversation's memory; every field is one slot (SLOTS)."""

    kind: str | None = None  # a key of call.yml's applicant_types
    place: str | None = None  # BRUSSELS or OUTSIDE
    project: str | None = None  # what the project does, in the applicant's words
    topic: str | None = None  # the intent of the last question answered (follow-ups refer to it)
    open_question: str | None = None  # the last question the text could not answer (for staff)


SLOTS = {
    "kind": "applicant_kind",
    "place": "applicant_place",
    "project": "applicant_project",
    "topic": "last_topic",
    "open_question": "open_question",
}


def from_slots(slot: Callable[[str], Any]) -> Memory:
    """The memory held in the slots (`slot` reads one slot by name)."""
    values = {name: slot(SLOTS[name]) for name in SLOTS}
    return Memory(**{name: str(value) if value is not None else None for name, value in values.items()})


def changed_slots(before: Memory, after: Memory) -> dict[str, Any]:
    """The slots to set: only those whose value changed (each SlotSet is an event)."""
    return {
        SLOTS[f.name]: getattr(after, f.name)
        for f in fields(Memory)
        if getattr(after, f.name) != getattr(before, f.name)
    }


def fits_a_measure(project: str | None, lang: str) -> bool:
    """True when the project described so far fits a priority measure (the check then
    takes it as the answer to its question about the project)."""
    return bool(project) and bool(recommend(str(project), lang).measures)


def learn(memory: Memory, text: str, lang: str, *, describes_project: bool = False) -> Memory:
    """`memory` with what `text` says about the applicant and their project: a project
    is learnt from what they say of their own ("nous formons…"), or from a message the NLU
    read as a project description (`describes_project`)."""
    kind, place = memory.kind, memory.place
    for start, end, _ in sentence_spans(text):
        sentence = text[start:end]
        if not says(lang, "self_description", sentence):
            continue
        kind = applicant_kind_in(sentence, lang) or kind
        place = place_in(sentence, lang) or place
    project = project_in(text, lang, memory.project, anyone=describes_project)
    return replace(memory, kind=kind, place=place, project=project or memory.project)


def applicant_kind_in(text: str, lang: str) -> str | None:
    """The kind of applicant `text` names ("other" is an answer to the check, not a fact)."""
    kind = applicant_kind(text, lang)
    return kind if kind not in (None, "other") else None


def place_in(text: str, lang: str) -> str | None:
    """Where `text` says the applicant is based; Brussels named beats a regional adjective."""
    if mentions_brussels(text, lang):
        return BRUSSELS
    return OUTSIDE if _OUTSIDE_KIND in found(lang, "applicant_types", text) else None


def project_in(text: str, lang: str, known: str | None = None, *, anyone: bool = False) -> str | None:
    """What `text` says the project does: its sentences with evidence for a measure
    (bot/recommend), said in the first person (or by `anyone` in a project description).
    They describe a project of their own when they fit a measure, else they add to the
    `known` one; with nothing known, they start one if they say what it does."""
    kept = [
        sentence
        for sentence in (text[start:end].strip() for start, end, _ in sentence_spans(text))
        if find_clues(sentence, lang)
        and not says(lang, "personal_intro", sentence)
        and (anyone or speaks_about_self(sentence, lang))
    ]
    described = " ".join(kept)
    if not kept:
        return None
    if not recommend(described, lang).measures:
        if known:
            described = f"{known} {described}"
        elif not any(c.section in _WHAT_IT_DOES for c in find_clues(described, lang)):
            return None  # "mon entreprise peut-elle participer ?" describes no project
    return anonymise(described)[-MAX_PROJECT_CHARS:]
