"""Calibrate the grounded-answer threshold (make calibrate-retrieval).

Prints, per language and threshold, the precision on answerable questions (the right
passage among those answered), their recall, and how many unanswerable questions got
an answer (must be 0). The chosen threshold goes into data/retrieval.yml.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypedDict

import yaml

from bot.retrieval import best_passage

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "retrieval.yml"
TODAY = dt.date(2016, 6, 1)


class Answerable(TypedDict):
    q: str
    passage: str  # the key of the passage that answers it


class Cases(TypedDict):
    """One language's cases in tests/data/retrieval.yml."""

    answerable: list[Answerable]
    unanswerable: list[str]


def evaluate(lang: str, cases: Cases, limit: float) -> tuple[float, float, int]:
    """(precision, recall, answers given to unanswerable questions) at `limit`."""
    answered = right = 0
    for case in cases["answerable"]:
        match = best_passage(case["q"], lang, TODAY, minimum=limit)
        if match:
            answered += 1
            right += match.passage.key == case["passage"]
    false_answers = sum(best_passage(q, lang, TODAY, minimum=limit) is not None for q in cases["unanswerable"])
    precision = right / answered if answered else 1.0
    return precision, right / len(cases["answerable"]), false_answers


def main() -> None:
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    print("lang  threshold  precision  recall  unanswerable-answered")
    for lang, cases in data.items():
        for step in range(30, 85, 5):
            limit = step / 100
            precision, recall, false_answers = evaluate(lang, cases, limit)
            unanswerable = len(cases["unanswerable"])
            print(f"{lang:4}  {limit:9.2f}  {precision:9.2f}  {recall:6.2f}  {false_answers:3d}/{unanswerable}")


if __name__ == "__main__":
    main()
