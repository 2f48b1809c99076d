"""Who may apply, yes/no questions about one kind of applicant, and "am I eligible?"."""

from __future__ import annotations

from bot.answers.buttons import yes_no
from bot.answers.measures import recommend_measure
from bot.answers.reply import ELIGIBILITY_CHECK, Question, Reply
from bot.answers.vocabulary import found
from bot.eligibility import speaks_about_self
from bot.knowledge import Knowledge
from bot.recommend import recommend

# The text's treatment of a kind of applicant -> the sentence that answers it.
_SENTENCE = {"named": "who_named", "company": "who_company", "undecided": "who_undecided"}
# When a message names several kinds ("an asbl based in Wallonia"), the least certain wins.
_CAUTION = ("undecided", "company", "named")


def applicant_status(k: Knowledge, kinds: list[str]) -> tuple[str, str] | None:
    """(kind, status) of the most cautious kind among `kinds`, or None."""
    statuses = k.facts["applicant_types"]
    for status in _CAUTION:
        for kind in kinds:
            if statuses.get(kind) == status:
                return kind, status
    return None


def who_sentence(k: Knowledge, verdict: tuple[str, str] | None) -> str:
    """What the text says about who may apply, or about the kind of applicant named."""
    if verdict is None:
        return k.answer("who")
    kind, status = verdict
    return k.answer(_SENTENCE[status], label=k.wording["applicant_labels"][kind])


def eligibility(k: Knowledge, q: Question) -> Reply:
    """ "Am I eligible?" / "can my vzw apply?" start the guided check; "can an asbl
    apply?" gets the text's answer at once, with the check offered."""
    asks_eligibility = bool(found(q.lang, "eligibility_question", q.text))
    if not asks_eligibility and found(q.lang, "measure_question", q.text) and recommend(q.text, q.lang).measures:
        return recommend_measure(k, q)  # "we help startups with trade fairs: which measure?"
    verdict = applicant_status(k, found(q.lang, "applicant_types", q.text))
    answer = who_sentence(k, verdict)
    if speaks_about_self(q.text, q.lang):
        start = k.wording["check"]["start"]
        return Reply(f"{answer}\n{start}" if verdict else start, start=ELIGIBILITY_CHECK)
    offer = k.wording["check"]["offer"]
    return Reply(f"{answer}\n{offer}", yes_no(k), offer=ELIGIBILITY_CHECK)


def project_fit(k: Knowledge, q: Question) -> Reply:
    """A described project: the measure it fits, or the guided check when the applicant
    asks whether they are eligible ("we train young people in VR: are we eligible?")."""
    if found(q.lang, "eligibility_question", q.text):
        return eligibility(k, q)
    return recommend_measure(k, q)


# "Who may apply?", "can an asbl apply?" and "am I eligible?" are one intent since the NLU
# could not tell them apart: eligibility() tells them apart by the words.
ANSWERS = {"check_eligibility": eligibility, "recommend_measure": project_fit}
