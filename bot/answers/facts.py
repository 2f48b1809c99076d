"""Answers that state facts of the call: budget, deadline, purpose, figures..."""

from __future__ import annotations

import datetime as dt

from bot.answers.conversation import plain
from bot.answers.handoff import offer_handoff
from bot.answers.reply import Question, Reply
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
    and an offer to pass the question to staff."""
    topics = found(q.lang, "unanswered_topics", q.text)
    if topics:
        text = k.answer("unanswered", topic=k.wording["unanswered_topics"][topics[0]])
    else:
        text = k.answer("unanswered_generic")
    return offer_handoff(k, text, q.text)


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
