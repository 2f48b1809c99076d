"""Grounded answers: the calibrated threshold answers what the call says, never the rest."""

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.knowledge import load_knowledge
from bot.retrieval import best_passage, passages, threshold

CASES = yaml.safe_load((Path(__file__).parent.parent / "data" / "retrieval.yml").read_text(encoding="utf-8"))
TODAY = dt.date(2016, 6, 1)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_no_answer_to_what_the_call_does_not_say(lang: str) -> None:
    answered = [q for q in CASES[lang]["unanswerable"] if best_passage(q, lang, TODAY)]
    assert answered == []
    assert len(CASES[lang]["unanswerable"]) >= 15


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_precision_and_recall_on_answerable_questions(lang: str) -> None:
    cases = CASES[lang]["answerable"]
    matches = [(case, best_passage(case["q"], lang, TODAY)) for case in cases]
    given = [(case, m) for case, m in matches if m]
    right = [case for case, m in given if m.passage.key == case["passage"]]
    assert len(right) / len(given) >= 0.9, [(c["q"], m.passage.key) for c, m in given if m.passage.key != c["passage"]]
    assert len(given) / len(cases) >= 0.6


def test_the_threshold_is_a_share() -> None:
    assert 0 < threshold() < 1


def test_passages_exist_in_both_languages() -> None:
    keys = {lang: [p.key for p in passages(load_knowledge(lang), TODAY)] for lang in ("fr", "nl")}
    assert keys["fr"] == keys["nl"]
    assert all(p.terms for p in passages(load_knowledge("nl"), TODAY))
