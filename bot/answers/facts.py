"""Answers that state facts of the call: budget, deadline, purpose, figures..."""

from __future__ import annotations

import datetime as dt

from bot.answers.applicants import applicant_status, kinds_named, remembered_kinds, who_sentence
from bot.answers.conversation import plain
from bot.answers.gaps import conditions_asked, gaps_asked
from bot.answers.handoff import offer_handoff
from bot.answers.reply import Question, Reply
from bot.eligibility import speaks_about_self
from bot.knowledge import Knowledge
from bot.knowledge.vocabulary import found


def deadline_sentence(k: Knowledge, today: dt.date) -> str:
    """The deadline, and whether the call is still open on `today`."""
    days_left = (k.deadline - today).days
    if days_left > 0:
        return k.answer("deadline_open", days_left=days_left)
    if days_left == 0:
        return k.answer("deadline_last_day")
    return k.answer("deadline_closed")


def deadline(k: Knowledge, q: Question) -> Reply:
    """The deadline, and whether the call is still open on `q.today`."""
    return Reply(deadline_sentence(k, q.today))


# Which sentences answer a question about each topic of the context figures.
_FIGURE_SENTENCES = {
    "companies": "figures_companies",
    "gdp": "figures_gdp",
    "wallonia": "figures_gdp",
    "jobs": "figures_jobs",
    "jobs_ict": "figures_jobs_ict",
    "jobs_related": "figures_jobs_related",
    "jobs_installation": "figures_jobs_installation",
}
_ALL_FIGURES = ("figures_companies", "figures_gdp", "figures_jobs")
# A question about one share of the jobs gets that share, not the whole breakdown.
_JOB_SHARES = {"figures_jobs_ict", "figures_jobs_related", "figures_jobs_installation"}


def context_figures(k: Knowledge, q: Question) -> Reply:
    """The figures asked about, or all of them when the question names none."""
    topics = found(q.lang, "figure_topics", q.text)
    keys = list(dict.fromkeys(_FIGURE_SENTENCES[t] for t in topics)) or [
        "figures_companies",
        "figures_gdp",
        "figures_jobs",
    ]
    if _JOB_SHARES & set(keys):
        keys = [key for key in keys if key != "figures_jobs"]
    return Reply(" ".join(k.answer(key) for key in keys))


def how_to_apply(k: Knowledge, q: Question) -> Reply:
    """What the text asks for, what it does not say (form, channel, documents), that the
    call is closed (or until when it is open), and staff offered."""
    return offer_handoff(k, f"{k.answer('how_to_apply')} {deadline_sentence(k, q.today)}", q.text)


def unanswered(k: Knowledge, q: Question) -> Reply:
    """An honest "the call text does not say", naming what it does not say when we can,
    and an offer to pass the question to staff. A condition on the applicant the text does
    not state ("sans numéro BCE ?") is followed by what the text does say about who may
    apply: never a plain yes, never beside the point."""
    topics = gaps_asked(k, q.lang, q.text)
    if not topics:
        return offer_handoff(k, k.answer("unanswered_generic"), q.text)
    labels = [str(k.wording["unanswered_topics"][topic]) for topic in topics]
    sentences = [k.answer("unanswered", topic=str(k.wording["unanswered_join"]).join(labels))]
    if conditions_asked(k, q.lang, q.text):
        if "heard" in found(q.lang, "premises", q.text):  # "j'ai lu qu'il faut un CA minimum, c'est exact ?"
            sentences.insert(0, k.answer("condition_heard"))
        sentences.append(what_the_text_asks_of(k, q))
    if set(topics) & set(k.facts.get("answered_with_the_deadline", ())):
        sentences.append(deadline_sentence(k, q.today))
    return offer_handoff(k, " ".join(sentences), q.text)


def what_the_text_asks_of(k: Knowledge, q: Question) -> str:
    """What the text says of the kind of applicant the question names or the applicant
    said they are, else the one condition it states."""
    kinds = kinds_named(q.text, q.lang) or (
        remembered_kinds(q.context.memory) if speaks_about_self(q.text, q.lang) else []
    )
    verdict = applicant_status(k, kinds)
    return who_sentence(k, verdict, said=q.text) if verdict else k.answer("condition_stated")


def elaborate(k: Knowledge, q: Question) -> Reply:
    """ "Pourquoi ?" / "waarom?" after an answer: what the last answer rests on."""
    why = k.wording["why"]
    key = q.context.memory.topic if q.context.memory.topic in why else "default"
    return Reply(str(why[key]).format(**k.placeholders()))


ANSWERS = {
    "elaborate": elaborate,
    "ask_budget": plain("budget"),
    "ask_deadline": deadline,
    "ask_submission": how_to_apply,
    "ask_purpose": plain("purpose"),
    "ask_next_tech": plain("next_tech"),
    "ask_launcher": plain("launcher"),
    "ask_more_info": plain("more_info"),
    "ask_context_figures": context_figures,
    "ask_unanswered": unanswered,
}
