"""Answers built from the knowledge of the call, one function per intent.

Every function takes the knowledge of the reply language and the question, and returns
a `Reply`. Nothing here knows about Rasa: the action server calls `answer()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.answers import applicants, conversation, facts, measures
from bot.answers.reply import Button, Question, Reply
from bot.answers.vocabulary import found
from bot.knowledge import Knowledge, load_knowledge

Answer = Callable[[Knowledge, Question], Reply]

ANSWERS: dict[str, Answer] = {
    **conversation.ANSWERS,
    **facts.ANSWERS,
    **applicants.ANSWERS,
    **measures.ANSWERS,
}


# Intents whose answer states a fact: never given to a question about a gap of the text.
FACT_INTENTS = frozenset(
    [
        "ask_budget",
        "ask_deadline",
        "ask_launcher",
        "ask_purpose",
        "ask_next_tech",
        "ask_more_info",
        "ask_context_figures",
        "ask_technologies",
        "ask_measures",
        "ask_submission",
        "check_eligibility",
    ]
)


def answer(question: Question) -> Reply:
    """The reply to `question`; an intent without an answer gets the fallback."""
    k = load_knowledge(question.lang)
    if question.intent in FACT_INTENTS and about_a_gap(k, question):
        question = replace(question, intent="ask_unanswered")
    build = ANSWERS.get(question.intent, ANSWERS["nlu_fallback"])
    return build(k, question)


def about_a_gap(k: Knowledge, question: Question) -> bool:
    """True when the question names a topic the call text never addresses."""
    gaps = set(k.facts.get("never_addressed", ()))
    return bool(gaps & set(found(question.lang, "unanswered_topics", question.text)))


__all__ = ["ANSWERS", "Button", "Question", "Reply", "answer"]
