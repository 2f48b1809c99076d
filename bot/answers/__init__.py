"""Answers built from the knowledge of the call, one function per intent.

Every function takes the knowledge of the reply language and the question, and returns
a `Reply`. Nothing here knows about Rasa: the action server calls `answer()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.answers import applicants, conversation, facts, measures
from bot.answers.reply import Button, Question, Reply
from bot.intents import FALLBACK, intents
from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.vocabulary import found

Answer = Callable[[Knowledge, Question], Reply]

ANSWERS: dict[str, Answer] = {
    **conversation.ANSWERS,
    **facts.ANSWERS,
    **applicants.ANSWERS,
    **measures.ANSWERS,
}


def routed(question: Question) -> Question:
    """The question with the intent that answers it: a fact question about a topic the
    text never addresses ("le taux de cofinancement ?") is a question the text does not
    answer, whatever fact intent the NLU chose."""
    if question.intent in intents().facts and about_a_gap(load_knowledge(question.lang), question):
        return replace(question, intent="ask_unanswered")
    return question


def answer(question: Question) -> Reply:
    """The reply to `question`; an intent without an answer gets the fallback."""
    question = routed(question)
    build = ANSWERS.get(question.intent, ANSWERS[FALLBACK])
    return build(load_knowledge(question.lang), question)


def about_a_gap(k: Knowledge, question: Question) -> bool:
    """True when the question names a topic the call text never addresses."""
    gaps = set(k.facts.get("never_addressed", ()))
    return bool(gaps & set(found(question.lang, "unanswered_topics", question.text)))


__all__ = ["ANSWERS", "Button", "Question", "Reply", "answer", "routed"]
