"""Answers built from the knowledge of the call, one function per intent.

Every function takes the knowledge of the reply language and the question, and returns
a `Reply`. Nothing here knows about Rasa: the action server calls `answer()`.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.answers import applicants, conversation, facts, measures
from bot.answers.reply import Button, Question, Reply
from bot.knowledge import Knowledge, load_knowledge

Answer = Callable[[Knowledge, Question], Reply]

ANSWERS: dict[str, Answer] = {
    **conversation.ANSWERS,
    **facts.ANSWERS,
    **applicants.ANSWERS,
    **measures.ANSWERS,
}


def answer(question: Question) -> Reply:
    """The reply to `question`; an intent without an answer gets the fallback."""
    build = ANSWERS.get(question.intent, ANSWERS["nlu_fallback"])
    return build(load_knowledge(question.lang), question)


__all__ = ["ANSWERS", "Button", "Question", "Reply", "answer"]
