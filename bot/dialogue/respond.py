"""One turn of the conversation: learn from the message, answer each of its questions,
and remember what was answered."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.answers import Question, answer, routed
from bot.answers.reply import HANDOFF, Context, Reply
from bot.dialogue.compose import compose, with_correction
from bot.dialogue.memory import Memory, learn
from bot.dialogue.plan import ELABORATE, Asked, Message, plan
from bot.dialogue.premises import correction
from bot.intents import intents
from bot.knowledge import load_knowledge
from bot.knowledge.vocabulary import found


def respond(message: Message, memory: Memory, context: Context, today: dt.date) -> tuple[Reply, Memory]:
    """The reply to `message` and the memory after it."""
    before = memory
    memory = learn(memory, message.text, message.lang, describes_project=message.intent == "recommend_measure")
    context = replace(context, memory=memory)
    k = load_knowledge(message.lang)
    replies, answered = [], []
    for asked in questions(message, before, memory, context):
        question = routed(
            Question(asked.intent, asked.text, message.lang, today, context, asked.follow_up, asked.focus)
        )
        replies.append(with_correction(answer(question), correction(k, question.intent, asked.text, today)))
        answered.append(question.intent)
    reply = compose(replies)
    return reply, remember(memory, answered, reply)


def questions(message: Message, before: Memory, after: Memory, context: Context) -> list[Asked]:
    """The questions of the message; an applicant who says (or corrects) what they are,
    asking nothing else ("oups, je suis encore étudiant en fait"), is told what the text
    says about them; "kunt u dat ook in het Nederlands zeggen?" asks the last one again."""
    asked = plan(message, after)
    if before.topic and context.last_message and asks_again_in_a_language(message, asked):
        return [Asked(before.topic, context.last_message)]
    says_who = (after.kind, after.place) != (before.kind, before.place)
    table = intents()
    if says_who and not any(a.intent in table.questions or a.intent in table.requests for a in asked):
        return [Asked("check_eligibility", message.text)]
    return asked


def asks_again_in_a_language(message: Message, asked: list[Asked]) -> bool:
    """ "Pouvez-vous répéter ça en français ?" asking nothing else ("kan dat ook in het
    Nederlands? wat is het budget?" asks the budget): the last answer, in the language named."""
    lang, text = message.lang, message.text
    # (asking for a language reads as ask_more_info: information exists in both languages)
    asks_another = any(a.intent in intents().facts and a.intent != "ask_more_info" for a in asked)
    return not asks_another and bool(found(lang, "repeat_request", text)) and bool(found(lang, "language_names", text))


def remember(memory: Memory, answered: list[str], reply: Reply) -> Memory:
    """The last topic answered (what a follow-up refers to) and the question the text
    could not answer, if any (what a hand-off passes on)."""
    questions = [intent for intent in answered if intent in intents().questions and intent != ELABORATE]
    topic = questions[-1] if questions else memory.topic
    if HANDOFF in (reply.offer, reply.start):
        open_question = reply.question
    else:
        open_question = None if questions else memory.open_question
    return replace(memory, topic=topic, open_question=open_question)
