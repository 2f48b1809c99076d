"""Answers built from the knowledge of the call, one function per intent.

Every function takes the knowledge of the reply language and the question, and returns
a `Reply`. Nothing here knows about Rasa: the action server calls `answer()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.answers import applicants, conversation, facts, measures
from bot.answers.gaps import conditions_asked, gaps_asked, never_addressed
from bot.answers.reply import Button, Question, Reply
from bot.dialogue.cues import opening
from bot.dialogue.memory import fits_a_measure
from bot.dialogue.premises import is_yes_no
from bot.eligibility import speaks_about_self
from bot.intents import FALLBACK, intents
from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.vocabulary import found, found_affirmed

Answer = Callable[[Knowledge, Question], Reply]

ANSWERS: dict[str, Answer] = {
    **conversation.ANSWERS,
    **facts.ANSWERS,
    **applicants.ANSWERS,
    **measures.ANSWERS,
}


# The topic of a question about how to apply (data/vocabulary unanswered_topics): answered
# with what the text says about applying (bot/answers/facts.how_to_apply).
_HOW_TO_APPLY = "how_to_submit"


def routed(question: Question) -> Question:
    """The question with the intent that answers it, whatever intent the NLU chose:
    - a fact question about a topic the text never addresses ("le taux de cofinancement
      ?") is a question the text does not answer;
    - a question about how to apply ("wat zijn de stappen om mee te doen?") is answered
      with what the text says about applying;
    - "the text does not say" is never the answer to a question naming a technology or a
      kind of applicant and nothing the text leaves open ("les indépendants sont admis ?");
    - a condition the text does not state is said unstated ("sans numéro BCE ?"), and a
      question the NLU took for off-topic may still name a kind of applicant."""
    k, lang, text = load_knowledge(question.lang), question.lang, question.text
    gaps = gaps_asked(k, lang, text)
    # a described project whose measure is asked ("…: quelle mesure, et en quelle langue ?")
    # is answered clause by clause
    describes_a_project = bool(found(lang, "measure_question", text)) and fits_a_measure(text, lang)
    unsure = question.intent in intents().unsure or question.intent == FALLBACK
    if (question.intent in intents().facts or unsure) and not describes_a_project and never_addressed(k, lang, text):
        return replace(question, intent="ask_unanswered")
    may_ask_a_condition = unsure or question.intent in intents().facts or question.intent == "ask_unanswered"
    if may_ask_a_condition and not describes_a_project and conditions_asked(k, lang, text):
        return replace(question, intent="ask_unanswered")  # "numéro BCE obligatoire ?", "zonder KBO-nummer?"
    if unsure and asks_about_a_kind(question):
        return replace(question, intent="check_eligibility")  # "Kunnen scale-ups meedingen?"
    about_applying = question.intent in intents().about_applying and (
        _HOW_TO_APPLY in gaps or question.intent == "ask_submission"
    )
    if about_applying and asks_about_a_kind(question) and not found(lang, "how_asks", text):
        return replace(question, intent="check_eligibility")  # "une SRL peut-elle soumettre un projet ?"
    if question.intent in intents().about_applying and _HOW_TO_APPLY in gaps:
        return replace(question, intent="ask_submission")
    if question.intent == "request_human" and _HOW_TO_APPLY in gaps:  # "je veux rentrer un projet": staff offered too
        return replace(question, intent="ask_submission")
    asks_who = opening(lang, "who_asks", text) and not found(lang, "how_asks", text)
    if question.intent == "ask_submission" and asks_who:  # "qui est habilité à soumettre ?"
        return replace(question, intent="check_eligibility")
    if passes_on(question):  # "geef die vraag door"
        return replace(question, intent="request_human")
    if "only" in found(lang, "premises", text) and found(lang, "applicant_types", text):  # "réservé aux startups ?"
        return replace(question, intent="check_eligibility")
    about_us = bool(question.context.memory.kind) and speaks_about_self(text, lang)  # "donc on peut y aller ?"
    if question.intent == "ask_unanswered" and not gaps:
        if found(lang, "technologies", text):
            return replace(question, intent="ask_technologies")
        if found(lang, "applicant_types", text) or about_us:
            return replace(question, intent="check_eligibility")
    if (
        question.intent == FALLBACK and not gaps and fits_a_measure(text, lang)
    ):  # "que prévoit l'appel pour les jeunes ?"
        return replace(question, intent="recommend_measure")
    if question.intent == FALLBACK and not gaps and found(lang, "technologies", text):  # "un projet en VR…"
        return replace(question, intent="ask_technologies")
    if question.intent == FALLBACK and not gaps and about_us and text.rstrip().endswith("?"):
        return replace(question, intent="check_eligibility")  # an applicant we know asks about themselves
    return question


def asks_about_a_kind(question: Question) -> bool:
    """A question naming a kind of applicant ("une SRL peut-elle soumettre un projet ?",
    "dus een OCMW staat er niet tussen?"), not a wish to apply ("je voudrais déposer un
    projet pour notre asbl")."""
    text, lang = question.text, question.lang
    asks = is_yes_no(text, lang) or text.rstrip().endswith("?")
    return asks and bool(found_affirmed(lang, "applicant_types", text))


def passes_on(question: Question) -> bool:
    """Asks that the question be passed on ("transmettez-la"), not the opposite ("pas la
    peine de transmettre", "niet doorgeven")."""
    lang, text, table = question.lang, question.text, intents()
    if question.intent in table.facts or question.intent in table.moves:
        return False
    never_mind = "never_mind" in found(lang, "handoff_answers", text)
    return bool(found_affirmed(lang, "pass_on", text)) and not never_mind


def answer(question: Question) -> Reply:
    """The reply to `question`; an intent without an answer gets the fallback."""
    question = routed(question)
    build = ANSWERS.get(question.intent, ANSWERS[FALLBACK])
    return build(load_knowledge(question.lang), question)


__all__ = ["ANSWERS", "Button", "Question", "Reply", "answer", "routed"]
