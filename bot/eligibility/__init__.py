"""The guided eligibility check: reading the applicant's answers and deciding a verdict.

Nothing here knows about Rasa: `actions/eligibility_form.py` asks the questions and
calls `interpret` and `verdict`; `bot/answers/eligibility.py` words the result.
"""

from bot.eligibility.interpret import (
    ACTIVITY_NO,
    ACTIVITY_OUTSIDE,
    ACTIVITY_UNKNOWN,
    ACTIVITY_YES,
    OTHER_KIND,
    activity_answer,
    applicant_kind,
    project_answer,
    speaks_about_self,
)
from bot.eligibility.verdict import DOES_NOT_FIT, FITS, UNDECIDED, Verdict, decide

__all__ = [
    "ACTIVITY_NO",
    "ACTIVITY_OUTSIDE",
    "ACTIVITY_UNKNOWN",
    "ACTIVITY_YES",
    "DOES_NOT_FIT",
    "FITS",
    "OTHER_KIND",
    "UNDECIDED",
    "Verdict",
    "activity_answer",
    "applicant_kind",
    "decide",
    "project_answer",
    "speaks_about_self",
]
