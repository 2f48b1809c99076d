"""The verdict of the eligibility check: never firmer than the call text.

The call names who may apply (companies, self-employed people, non-profits, "etc.") and
one condition (activities that support the digital economy in the Brussels-Capital
Region). It says nothing about public bodies, students, organisations based outside
Brussels, or projects outside the five priority measures: those get "undecided".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.eligibility.interpret import ACTIVITY_NO, ACTIVITY_OUTSIDE, ACTIVITY_UNKNOWN, ACTIVITY_YES, OTHER_KIND
from bot.recommend import Recommendation

FITS, DOES_NOT_FIT, UNDECIDED = "fits", "does_not_fit", "undecided"
_UNDECIDED_ACTIVITY = {ACTIVITY_OUTSIDE, ACTIVITY_UNKNOWN}


@dataclass(frozen=True)
class Verdict:
    """The outcome and the reasons for it (keys of `check.reasons` in the wording files)."""

    outcome: str
    reasons: list[str] = field(default_factory=list)
    recommendation: Recommendation | None = None


def decide(
    kind: str,
    activity: str,
    recommendation: Recommendation,
    statuses: Mapping[str, str],
) -> Verdict:
    """The verdict for an applicant of `kind` whose activities are `activity` (yes/no/outside).

    `statuses` is call.yml's applicant_types: named, company or undecided per kind.
    """
    status = statuses.get(kind, "undecided") if kind != OTHER_KIND else "other"
    reasons = [f"kind_{status}"]
    reasons.append(
        {ACTIVITY_YES: "activity_yes", ACTIVITY_NO: "activity_no", ACTIVITY_UNKNOWN: "activity_unknown"}.get(
            activity, "activity_outside"
        )
    )
    reasons.append("measure" if recommendation.measures else "no_measure")

    if activity == ACTIVITY_NO:
        outcome = DOES_NOT_FIT
    elif (
        status in {"undecided", "other"}
        or activity in {ACTIVITY_OUTSIDE, ACTIVITY_UNKNOWN}
        or not recommendation.measures
    ):
        outcome = UNDECIDED
    else:
        outcome = FITS
    return Verdict(outcome, reasons, recommendation)
