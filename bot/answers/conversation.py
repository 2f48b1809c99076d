"""Small talk and conversation management: greetings, menu, fallback, bad input."""

from __future__ import annotations

from collections.abc import Callable

from bot.answers.applicants import start_check
from bot.answers.buttons import menu
from bot.answers.handoff import offer_handoff, start_handoff
from bot.answers.reply import HANDOFF, Button, Question, Reply
from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.vocabulary import found
from bot.language import SUPPORTED
from bot.limits import max_message_chars
from bot.rasa_io.intent_syntax import intent_payload
from bot.retrieval import best_passage
from bot.text.normalize import words


def with_menu(key: str) -> Callable[[Knowledge, Question], Reply]:
    """An answer that is the sentence `key` followed by the menu of topics."""

    def build(k: Knowledge, q: Question) -> Reply:
        return Reply(k.answer(key), menu(k))

    return build


def plain(key: str) -> Callable[[Knowledge, Question], Reply]:
    """An answer that is the sentence `key` alone."""

    def build(k: Knowledge, q: Question) -> Reply:
        return Reply(k.answer(key))

    return build


def foreign_language(k: Knowledge, q: Question) -> Reply:
    """Said in both languages, whatever the conversation's language."""
    return Reply("\n".join(load_knowledge(lang).answer("foreign_language") for lang in SUPPORTED))


def too_long(k: Knowledge, q: Question) -> Reply:
    """The reply to a message longer than the assistant reads."""
    return Reply(k.answer("too_long", length=k.fmt.number(len(q.text)), limit=k.fmt.number(max_message_chars())))


def likely_topics(k: Knowledge, q: Question, count: int = 3) -> list[Button]:
    """Quick replies for the intents the NLU found next most likely, else the menu."""
    titles = k.wording["topics"]
    topics = [i for i in q.context.likely_intents if i in titles][:count]
    return [Button(titles[i], intent_payload(i)) for i in topics] or menu(k)


def grounded(k: Knowledge, q: Question) -> Reply | None:
    """A passage of the knowledge base that answers `q`, said as coming from the call."""
    if found(q.lang, "unanswered_topics", q.text):  # a known gap of the text: never answer it
        return None
    match = best_passage(q.text, q.lang, q.today)
    return Reply(k.wording["grounded"].format(passage=match.passage.text)) if match else None


def not_understood(k: Knowledge, q: Question) -> Reply:
    """A passage of the call if one answers; else ask to rephrase, with likely topics;
    the second time in a row, offer to pass the message to staff."""
    passage = grounded(k, q)
    if passage:
        return passage
    if q.context.fallbacks_in_a_row >= 1:
        return offer_handoff(k, "", q.text, key="fallback_again")
    return Reply(k.answer("fallback"), likely_topics(k, q))


def off_topic(k: Knowledge, q: Question) -> Reply:
    """A passage of the call that answers it, else the out-of-scope reply and the menu."""
    return grounded(k, q) or Reply(k.answer("out_of_scope"), menu(k))


def accept_or_decline(k: Knowledge, q: Question) -> Reply:
    """ "Yes" / "no" to what the previous reply offered (staff, the eligibility check)."""
    offer = q.context.offer
    if offer and q.intent == "affirm":
        if offer == HANDOFF:
            return start_handoff(k, q.context.previous_question)
        return start_check(k, q.context.memory)
    return Reply(k.answer("acknowledge"), menu(k))


# A request for a person this long, with a word opening a question, holds it ("je voudrais
# demander à l'équipe si…"; data/vocabulary question_inside).
_QUESTION_INSIDE = 9


def request_human(k: Knowledge, q: Question) -> Reply:
    """The applicant asked for a person: the hand-off starts with the last question the
    text could not answer (or the one the request itself holds), else asks what to pass on."""
    holds_one = len(words(q.text)) >= _QUESTION_INSIDE and "asks" in found(q.lang, "question_inside", q.text)
    question = q.text if holds_one else q.context.previous_question
    return start_handoff(k, question)  # the hand-off confirms it before anything is stored


ANSWERS = {
    "greet": with_menu("greet"),
    "ask_capabilities": with_menu("capabilities"),
    "out_of_scope": off_topic,
    "nlu_fallback": not_understood,
    "goodbye": plain("goodbye"),
    "affirm": accept_or_decline,
    "deny": accept_or_decline,
    "stop": with_menu("acknowledge"),
    "thank": plain("thank"),
    "bot_challenge": plain("bot_challenge"),
    "request_human": request_human,
    "unreadable_input": plain("unreadable"),
    "input_too_long": too_long,
    "foreign_language": foreign_language,
}
