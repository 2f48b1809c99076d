"""Reading free-text (or button) answers to the check's three questions.

Every function returns None when the text gives no usable answer, so that the form can
ask again. The words come from `data/vocabulary/<lang>.yml` (sections applicant_types,
check_answers, first_person): maintainers extend them without touching code.
"""

from __future__ import annotations

from bot.knowledge.vocabulary import found, found_affirmed
from bot.text.normalize import has_letters, words

OTHER_KIND = "other"
ACTIVITY_YES, ACTIVITY_NO, ACTIVITY_OUTSIDE = "yes", "no", "outside"
ACTIVITY_UNKNOWN = "unknown"  # "je ne sais pas": the check cannot decide it
_OUTSIDE = "outside_brussels"  # an applicant type in the vocabulary, a place for the check
MIN_PROJECT_WORDS = 3


def applicant_kind(text: str, lang: str) -> str | None:
    """The kind of applicant named in `text` (a key of applicant_types), "other", or None."""
    kinds = [k for k in found_affirmed(lang, "applicant_types", text) if k != _OUTSIDE]
    if kinds:
        return kinds[0]
    if "other_kind" in found(lang, "check_answers", text):
        return OTHER_KIND
    return None


def activity_answer(text: str, lang: str, intent: str | None = None) -> str | None:
    """Whether the applicant's activities support the digital economy in Brussels.

    "outside" when they say they are based elsewhere (the text does not decide that case),
    "no" for a plain no, "yes" for a yes or a mention of Brussels; None when unclear.
    """
    if _OUTSIDE in found(lang, "applicant_types", text):
        return ACTIVITY_OUTSIDE
    said = yes_or_no(text, lang, intent)
    if said == "no":
        return ACTIVITY_NO
    if said == "yes" or mentions_brussels(text, lang):
        return ACTIVITY_YES
    return None


def yes_or_no(text: str, lang: str, intent: str | None = None) -> str | None:
    """ "yes" or "no" from the words or the NLU's affirm/deny ("no" wins); None if neither."""
    answers = found(lang, "check_answers", text)
    if "no" in answers or intent == "deny":
        return "no"
    if "yes" in answers or intent == "affirm":
        return "yes"
    return None


def mentions_brussels(text: str, lang: str) -> bool:
    """True when `text` places the applicant in Brussels ("une asbl bruxelloise")."""
    return "brussels" in found(lang, "check_answers", text)


def project_answer(text: str) -> str | None:
    """The project description, when `text` is long enough to describe one."""
    text = " ".join(text.split())
    if not has_letters(text) or len(words(text)) < MIN_PROJECT_WORDS:
        return None
    return text


def speaks_about_self(text: str, lang: str) -> bool:
    """True for "am I eligible?", "can my vzw apply?"; False for "can an asbl apply?"."""
    return bool(found(lang, "first_person", text))
