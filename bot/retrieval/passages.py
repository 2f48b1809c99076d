"""The passages of the knowledge base, rendered in one language.

A passage is one answer of `data/knowledge/<lang>.yml` with its facts filled in: the
same sentences the assistant says, so a retrieved passage is never a new claim.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.knowledge import Knowledge

# Answers that state facts of the call (not conversation management, not "the text does
# not say" sentences: those must never be retrieved as an answer).
FACT_ANSWERS = (
    "budget", "who", "technologies", "submission", "purpose", "next_tech", "launcher",
    "figures_companies", "figures_gdp", "figures_jobs", "more_info",
)  # fmt: skip


@dataclass(frozen=True)
class Passage:
    """A piece of the knowledge base that can answer a question on its own."""

    key: str  # the answer key, or measure_<n>, or deadline
    text: str
    terms: tuple[str, ...] = ()  # other words for what it answers (retrieval_terms)


def passages(k: Knowledge, today: dt.date) -> list[Passage]:
    """Every fact passage of `k`, the deadline as it stands on `today`."""
    from bot.answers.facts import deadline_sentence
    from bot.answers.measures import measure_detail

    terms = k.wording.get("retrieval_terms", {})
    found = [Passage(key, k.answer(key)) for key in FACT_ANSWERS]
    found.append(Passage("deadline", deadline_sentence(k, today)))
    found += [Passage(f"measure_{n}", measure_detail(k, n)) for n in k.facts["measures"]]
    return [Passage(p.key, p.text, tuple(terms.get(p.key, ()))) for p in found]
