"""The five priority measures and the three technologies."""

from __future__ import annotations

import re

from bot.answers.reply import Question, Reply
from bot.eligibility import speaks_about_self
from bot.intents import intents
from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.vocabulary import found
from bot.recommend import Recommendation, recommend


def measure_detail(k: Knowledge, number: int) -> str:
    """One measure of the call: its number, title and detail."""
    m = k.wording["measures"][number]
    return k.answer("measure_detail", number=number, title=m["title"], detail=m["detail"])


def measure_list(k: Knowledge) -> str:
    """The call's measures, numbered."""
    lines = [f"{n}. {k.wording['measures'][n]['title']}" for n in k.facts["measures"]]
    return "\n".join([k.answer("measures"), *lines])


def recommendation_text(k: Knowledge, found_measures: Recommendation) -> str:
    """The measure(s) that fit a project, main first, with the words that led there."""
    main, *rest = found_measures.measures
    title = k.wording["measures"]
    if rest:
        text = k.answer("recommend_two", number=main, title=title[main]["title"],
                        second=rest[0], second_title=title[rest[0]]["title"])  # fmt: skip
    else:
        text = k.answer("recommend_one", number=main, title=title[main]["title"])
    words = list(dict.fromkeys(w for m in found_measures.measures for w in found_measures.evidence.get(m, [])))
    text = f"{text} {k.answer('recommend_evidence', evidence=', '.join(words))}" if words else text
    return f"{text} {caveat}" if (caveat := uncovered_caveat(k, found_measures)) else text


def uncovered_caveat(k: Knowledge, fitting: Recommendation) -> str:
    """A measure tied to the call's three technologies, for a project that names only
    others ("une formation en cybersécurité"): the text does not say it can be chosen."""
    tied = set(k.facts["measures_tied_to_technologies"])
    if fitting.technologies or not fitting.other_technologies or not tied & set(fitting.measures):
        return ""
    names = k.wording["technology_names"]
    listed = f" {k.wording['format']['and']} ".join(names[t] for t in fitting.other_technologies[:2])
    return k.answer("recommend_uncovered", names=listed)


def named_measure(q: Question) -> int | None:
    """The one measure a question asks about ("la mesure des salons", "et la 3 ?"), unless
    the applicant describes their own project (then the question is which measure fits)."""
    named = [int(n) for n in found(q.lang, "measure_names", q.text)]
    if q.focus:
        named = [q.focus]
    elif not named and q.context.memory.topic in intents().about_measures:  # "wat houdt de vierde in?"
        named = [int(n) for n in found(q.lang, "ordinals", q.text)][:1]
    if not named:  # "la mesure numéro 3", not "les 5 mesures"
        nouns = "|".join(re.escape(str(t)) for t in load_knowledge(q.lang).vocabulary["counted"]["measures"])
        named = [int(d) for d in re.findall(rf"\b(?:{nouns})\s+(?:\S+\s+)?([1-5])\b", q.text.lower())][:1]
    if len(named) != 1 or (speaks_about_self(q.text, q.lang) and recommend(q.text, q.lang).measures):
        return None
    return named[0]


def described_project(q: Question) -> Recommendation:
    """The measures the project fits: described in this message, else earlier; both when
    the message refers back to it ("et un atelier comme le mien ?")."""
    project = q.context.memory.project
    if project and "like_it" in found(q.lang, "refers_back", q.text):
        return recommend(f"{project} {q.text}", q.lang)
    fitting = recommend(q.text, q.lang)
    if not fitting.measures and q.context.memory.project:
        fitting = recommend(q.context.memory.project, q.lang)
    return fitting


def about_their_project(q: Question) -> bool:
    """The question is about the project the applicant described earlier ("welke
    maatregel is dat?", "ça rentre dans les technos ?")."""
    if not q.context.memory.project:
        return False
    return speaks_about_self(q.text, q.lang) or bool(found(q.lang, "refers_back", q.text))


def measures(k: Knowledge, q: Question) -> Reply:
    """One measure explained when the question is about one; the measure that fits when
    the question describes a project (or is about the one described); else the five."""
    number = named_measure(q)
    if number:
        return Reply(measure_detail(k, number))
    fitting = described_project(q) if about_their_project(q) else recommend(q.text, q.lang)
    if fitting.measures:
        return Reply(recommendation_text(k, fitting))
    return Reply(measure_list(k))


def recommend_measure(k: Knowledge, q: Question) -> Reply:
    """The measure that fits a described project, or why none does and the five."""
    number = named_measure(q)
    if number:
        return Reply(measure_detail(k, number))
    fitting = described_project(q)
    if fitting.measures:
        return Reply(recommendation_text(k, fitting))
    return Reply("\n".join([k.answer("recommend_none"), *measure_list(k).splitlines()[1:]]))


def technologies(k: Knowledge, q: Question) -> Reply:
    """The three technologies, or whether the ones asked about are covered."""
    asked = found(q.lang, "technologies", q.text)
    if not asked and about_their_project(q) and found(q.lang, "refers_back", q.text):  # "ça rentre dans les technos ?"
        asked = found(q.lang, "technologies", q.context.memory.project or "")
    if not asked:
        return Reply(k.answer("technologies"))
    covered = list(k.facts["technologies"])
    names = k.wording["technology_names"]
    sentences = []
    for tech in asked[:2]:
        if tech in covered:  # one technology asked, that one answered
            sentences.append(k.answer("technology_covered", name=names[tech]))
        else:
            sentences.append(k.answer("technology_not_named", name=names[tech]))
    return Reply(" ".join(sentences))


ANSWERS = {"ask_measures": measures, "ask_technologies": technologies}  # recommend_measure: applicants.py
