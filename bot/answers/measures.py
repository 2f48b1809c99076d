"""The five priority measures and the three technologies."""

from __future__ import annotations

from bot.answers.reply import Question, Reply
from bot.answers.vocabulary import found
from bot.knowledge import Knowledge


def measure_detail(k: Knowledge, number: int) -> str:
    m = k.wording["measures"][number]
    return k.answer("measure_detail", number=number, title=m["title"], detail=m["detail"])


def measure_list(k: Knowledge) -> str:
    lines = [f"{n}. {k.wording['measures'][n]['title']}" for n in k.facts["measures"]]
    return "\n".join([k.answer("measures"), *lines])


def measures(k: Knowledge, q: Question) -> Reply:
    """One measure explained when the question names exactly one, else the five."""
    named = found(q.lang, "measure_names", q.text)
    if len(named) == 1:
        return Reply(measure_detail(k, int(named[0])))
    return Reply(measure_list(k))


def technologies(k: Knowledge, q: Question) -> Reply:
    """The three technologies, or whether the ones asked about are covered."""
    asked = found(q.lang, "technologies", q.text)
    if not asked:
        return Reply(k.answer("technologies"))
    covered = list(k.facts["technologies"])
    names = k.wording["technology_names"]
    sentences = []
    for tech in asked[:2]:
        if tech in covered:
            others = [names[t] for t in covered if t != tech]
            sentences.append(
                k.answer("technology_covered", name=names[tech], others=f" {k.wording['format']['and']} ".join(others))
            )
        else:
            sentences.append(k.answer("technology_not_named", name=names[tech]))
    return Reply(" ".join(sentences))


ANSWERS = {"ask_measures": measures, "recommend_measure": measures, "ask_technologies": technologies}
