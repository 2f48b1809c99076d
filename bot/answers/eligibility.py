"""Wording of the guided eligibility check: its questions and its verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bot.answers.buttons import yes_no
from bot.answers.facts import deadline_sentence
from bot.answers.measures import recommendation_text
from bot.answers.reply import HANDOFF, Button, Reply
from bot.eligibility import OTHER_KIND, UNDECIDED, Verdict
from bot.knowledge import Knowledge

# The form's slots and the wording keys of their questions.
QUESTIONS = {
    "applicant_kind": ("ask_applicant_kind", "kind_buttons"),
    "brussels_activity": ("ask_activity", "activity_buttons"),
    "project_description": ("ask_project", None),
}
REASKS = {
    "applicant_kind": "reask_applicant_kind",
    "brussels_activity": "reask_activity",
    "project_description": "reask_project",
}


def _buttons(items: list[Mapping[str, str]]) -> list[Button]:
    return [Button(item["title"], item["payload"]) for item in items]


def ask(k: Knowledge, slot: str) -> Reply:
    """The question that fills `slot`, with its quick replies."""
    check: Mapping[str, Any] = k.wording["check"]
    key, buttons = QUESTIONS[slot]
    return Reply(str(check[key]), _buttons(check[buttons]) if buttons else [])


def unusable(k: Knowledge, slot: str) -> str:
    """Said when an answer to `slot` could not be used (the question follows)."""
    return str(k.wording["check"][REASKS[slot]])


def kind_label(k: Knowledge, kind: str) -> str:
    """How the wording names a kind of applicant ("les asbl"); "other" for the rest."""
    labels = k.wording["applicant_labels"]
    return str(labels.get(kind, labels[OTHER_KIND]))


def verdict_reply(k: Knowledge, verdict: Verdict, kind: str, project: str, today: dt.date) -> Reply:
    """The verdict, each reason on its own line, and what the Region decides and when."""
    check: Mapping[str, Any] = k.wording["check"]
    label = kind_label(k, kind)
    lines = [str(check["verdict"][verdict.outcome])]
    for reason in verdict.reasons:
        if reason == "measure" and verdict.recommendation:
            lines.append(f"- {recommendation_text(k, verdict.recommendation)}")
        else:
            lines.append("- " + str(check["reasons"][reason]).format(label=label))
    lines.append(str(check["footer"]).format(deadline=deadline_sentence(k, today)))
    if verdict.outcome != UNDECIDED:
        return Reply("\n".join(lines))
    lines.append(str(check["offer_staff"]))
    question = str(check["handoff_question"]).format(label=label, project=project)
    return Reply("\n".join(lines), yes_no(k), offer=HANDOFF, question=question)
