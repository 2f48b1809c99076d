"""What a question takes for granted, checked against the text: the correction (or the
yes) said before the answer. "Le budget est d'un million ?" -> "Non : le budget total
de l'appel est de 400.000 €, pas un million." Never agree with what the text does not say.

Who may apply ("ce n'est que pour les startups ?") is corrected by the eligibility answer
itself (bot/answers/applicants.py), which knows the kinds of applicants.
"""

from __future__ import annotations

import datetime as dt
import math

from bot.dialogue.claims import amounts, counts, dates, numbers
from bot.dialogue.cues import found, opening
from bot.knowledge import Knowledge
from bot.knowledge.vocabulary import matcher

_FIGURES = "figures"


def is_yes_no(text: str, lang: str) -> bool:
    """A question waiting for a yes or a no: it opens with a `lead` ("est-ce que…", "mag
    een vzw…?") or carries a `tag` ("…, c'est ça ?", "…, toch?") of the yes_no section."""
    lead = opening(lang, "yes_no", text)
    return bool(lead and lead[0] == "lead") or "tag" in found(lang, "yes_no", text)


def correction(k: Knowledge, intent: str, text: str, today: dt.date) -> str | None:
    """The sentence that confirms or corrects what `text` takes for granted, if anything."""
    check = _CHECKS.get(intent)
    return check(k, text, today) if check else None


def _premise(k: Knowledge, key: str, **values: object) -> str:
    return str(k.wording["premises"][key]).format(**k.placeholders(), **values)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6)


def _budget(k: Knowledge, text: str, today: dt.date) -> str | None:
    claimed = amounts(text, k.lang)
    if not claimed:
        return None
    per_project = _per_project(k, text, today)
    if per_project:
        return per_project
    wrong = [c for c in claimed if not _same(c.value, float(k.facts["budget_eur"]))]
    return _premise(k, "budget_wrong", claimed=wrong[0].written) if wrong else _premise(k, "budget_right")


def _deadline(k: Knowledge, text: str, today: dt.date) -> str | None:
    claimed = dates(text, k.lang)
    wrong = [c for c in claimed if not c.matches(k.deadline)]
    if wrong:
        return _premise(k, "deadline_wrong", claimed=wrong[0].written)
    if claimed:
        return _premise(k, "deadline_right")
    if not is_yes_no(text, k.lang):
        return None
    closed = today > k.deadline
    asks_if_closed = "closed" in found(k.lang, "premises", text)  # "la date est passée ?"
    return _premise(k, "yes" if closed == asks_if_closed else "no")


def _measures(k: Knowledge, text: str, today: dt.date) -> str | None:
    """A wrong number of measures corrected; "is there a measure for…?" naming one: yes."""
    plan = int(k.facts["next_tech"]["measures"])
    priority = len(k.facts["measures"])
    for claim in counts(text, k.lang, "measures"):
        if _same(claim.value, priority) or _same(claim.value, plan):
            continue
        return _premise(k, "measures_wrong", claimed=claim.written)
    if is_yes_no(text, k.lang) and len(found(k.lang, "measure_names", text)) == 1:
        return _premise(k, "yes")
    return None


def _per_project(k: Knowledge, text: str, today: dt.date) -> str | None:
    """ "Chaque projet reçoit 400.000 € ?": the whole budget taken for a project's share."""
    budget = float(k.facts["budget_eur"])
    about_each = "max_amount" in found(k.lang, "unanswered_topics", text) or "each" in found(k.lang, "premises", text)
    if about_each and any(_same(c.value, budget) for c in amounts(text, k.lang)):
        return _premise(k, "budget_not_per_project")
    return None


def _launcher(k: Knowledge, text: str, today: dt.date) -> str | None:
    """ "C'est un appel du fédéral ?": someone else than the Region named as launching it."""
    for hit in matcher(k.lang, "wrong_launchers").hits(text):
        return _premise(k, "launcher_wrong", claimed=hit.term)
    return None


def _next_tech(k: Knowledge, text: str, today: dt.date) -> str | None:
    plan = int(k.facts["next_tech"]["measures"])
    for claim in counts(text, k.lang, "measures"):
        if not _same(claim.value, plan):
            return _premise(k, "plan_wrong", claimed=claim.written)
    return None


def _technologies(k: Knowledge, text: str, today: dt.date) -> str | None:
    """A wrong number of technologies corrected; "blockchain telt mee, toch?": no."""
    for claim in counts(text, k.lang, "technologies"):
        if not _same(claim.value, len(k.facts["technologies"])):
            return _premise(k, "technologies_wrong", claimed=claim.written)
    asked = found(k.lang, "technologies", text)
    if asked and is_yes_no(text, k.lang) and not set(asked) & set(k.facts["technologies"]):
        return _premise(k, "no")
    return None


def _figures(k: Knowledge, text: str, today: dt.date) -> str | None:
    """A figure of the context that the text does not give ("5.000 entreprises TIC ?")."""
    claimed = [c for c in numbers(text) if not _a_year(c.value)]
    if not claimed:
        return None
    figures, by_topic = k.facts[_FIGURES], k.facts["figures_by_topic"]
    topics = [t for t in found(k.lang, "figure_topics", text) if t in by_topic]
    keys = [key for t in topics for key in by_topic[t]] or list(figures)
    known = [float(figures[key]) for key in keys]  # "12 % du PIB ?" is wrong though 12 % is a job share
    wrong = [c for c in claimed if not any(_same(c.value, v) for v in known)]
    return _premise(k, "figure_wrong", claimed=wrong[0].written) if wrong else _premise(k, "figure_right")


def _a_year(value: float) -> bool:
    return value.is_integer() and 1900 <= value <= 2100


def _more_info(k: Knowledge, text: str, today: dt.date) -> str | None:
    """ "Des informations existent-elles en néerlandais ?": yes, in both languages."""
    return _premise(k, "yes") if is_yes_no(text, k.lang) and found(k.lang, "language_names", text) else None


_CHECKS = {
    "ask_more_info": _more_info,
    "ask_budget": _budget,
    "ask_unanswered": _per_project,
    "ask_launcher": _launcher,
    "ask_deadline": _deadline,
    "ask_measures": _measures,
    "ask_next_tech": _next_tech,
    "ask_technologies": _technologies,
    "ask_context_figures": _figures,
}
