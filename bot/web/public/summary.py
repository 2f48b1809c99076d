"""The short summary of the call shown on the page, rendered from the knowledge base.

It reuses the assistant's own answers (budget, deadline, who may apply, measures,
technologies), so the page and the chat can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.facts import deadline_sentence
from bot.clock import today
from bot.knowledge import load_knowledge


@dataclass(frozen=True)
class SummaryItem:
    """One entry of the summary: a heading key (`summary.<key>` in the locales) and its text."""

    key: str
    text: str
    items: tuple[str, ...] = ()


def call_summary(lang: str) -> list[SummaryItem]:
    """Budget, deadline (open or closed today), who may apply, the measures, the technologies."""
    k = load_knowledge(lang)
    measures = tuple(str(k.wording["measures"][n]["title"]) for n in k.facts["measures"])
    return [
        SummaryItem("budget", k.answer("budget")),
        SummaryItem("deadline", deadline_sentence(k, today())),
        SummaryItem("who", k.answer("who")),
        SummaryItem("measures", k.answer("measures"), measures),
        SummaryItem("technologies", k.answer("technologies")),
    ]


def budget_text(lang: str) -> str:
    """The call's budget written the way `lang` writes amounts ("400.000 €")."""
    return load_knowledge(lang).placeholders()["budget"]
