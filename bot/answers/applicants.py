"""Who may apply, and yes/no questions about one kind of applicant."""

from __future__ import annotations

from bot.answers.reply import Question, Reply
from bot.answers.vocabulary import found
from bot.knowledge import Knowledge

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


def who_can_apply(k: Knowledge, q: Question) -> Reply:
    kinds = found(q.lang, "applicant_types", q.text)
    verdict = applicant_status(k, kinds)
    if verdict is None:
        return Reply(k.answer("who"))
    kind, status = verdict
    return Reply(k.answer(_SENTENCE[status], label=k.wording["applicant_labels"][kind]))


ANSWERS = {"ask_who_can_apply": who_can_apply, "check_eligibility": who_can_apply}
