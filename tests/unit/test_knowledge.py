"""The knowledge base: facts formatted per language, and French/Dutch parity."""

import datetime as dt

import pytest

from bot.knowledge import load_knowledge
from bot.language import SUPPORTED


def keys(tree: object, prefix: str = "") -> set[str]:
    """Every path of a nested mapping ("answers.budget", "measures.1.title", ...)."""
    if isinstance(tree, dict):
        return set().union(*(keys(v, f"{prefix}{k}.") for k, v in tree.items())) | {prefix.rstrip(".")}
    return {prefix.rstrip(".")}


@pytest.mark.parametrize("part", ["wording", "vocabulary"])
def test_french_and_dutch_have_the_same_keys(part: str) -> None:
    fr, nl = (keys(getattr(load_knowledge(lang), part)) for lang in SUPPORTED)
    assert fr - nl == set(), f"only in French: {sorted(fr - nl)}"
    assert nl - fr == set(), f"only in Dutch: {sorted(nl - fr)}"


@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_answer_renders_with_the_facts(lang: str) -> None:
    k = load_knowledge(lang)
    extra = {"days_left": 3, "label": "X", "name": "X", "names": "X", "topic": "X", "number": 1,
             "title": "X", "detail": "X", "length": "1", "limit": "1", "second": 2, "second_title": "X",
             "evidence": "X"}  # fmt: skip
    for key in k.wording["answers"]:
        text = k.answer(key, **extra)
        assert "{" not in text and text.strip(), key


@pytest.mark.parametrize(
    ("lang", "budget", "deadline", "gdp", "wallonia"),
    [
        ("fr", "400.000 €", "1er septembre 2016", "5,1 milliards €", "1,23 milliard €"),
        ("nl", "€ 400.000", "1 september 2016", "€ 5,1 miljard", "€ 1,23 miljard"),
    ],
)
def test_facts_are_written_the_belgian_way(lang: str, budget: str, deadline: str, gdp: str, wallonia: str) -> None:
    facts = load_knowledge(lang).placeholders()
    assert (facts["budget"], facts["deadline"], facts["gdp_value"], facts["wallonia_value"]) == (
        budget, deadline, gdp, wallonia)  # fmt: skip
    assert facts["tech_jobs"] == "31.578"


def test_the_deadline_setting_overrides_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALL_DEADLINE", "2027-03-15")
    k = load_knowledge("fr")
    assert k.deadline == dt.date(2027, 3, 15)
    assert k.placeholders()["deadline"] == "15 mars 2027"
