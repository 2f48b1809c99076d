"""How a candidate is judged against the live model (the figures come from tests/e2e)."""

from __future__ import annotations

from bot.training.evaluation import Holdout, changed_predictions, read_conversation_results, worse


def test_worse_in_any_language_is_a_reason_to_refuse() -> None:
    live = {"fr": (27, 28), "nl": (26, 28)}
    assert worse({"fr": (27, 28), "nl": (27, 28)}, live) == []
    assert worse({"fr": (25, 28), "nl": (28, 28)}, live) == ["fr 25/28 < live 27/28"]
    assert worse({"fr": (27, 28)}, live) == ["nl 0/28 < live 26/28"]  # a language that vanished


def test_changed_predictions_are_marked_fixed_or_broken() -> None:
    cases = {"fr": [{"text": "a", "intent": "x"}, {"text": "b", "intent": "y"}, {"text": "c", "intent": "z"}]}
    live = Holdout({}, {"a": "x", "b": "q", "c": "z"})
    candidate = Holdout({}, {"a": "w", "b": "y", "c": "z"})
    assert changed_predictions(cases, live, candidate) == [
        "  - 'a': x -> w (expected x)",
        "  + 'b': q -> y (expected y)",
    ]


def test_conversation_results_are_read_per_language() -> None:
    results = [
        {"id": "fr-memory-01", "passed": True},
        {"id": "fr-memory-02", "passed": False},
        {"id": "nl-language-01", "lang": "nl", "passed": True},
    ]
    for data in (results, {"conversations": results}, {"results": results}):
        read = read_conversation_results(data)
        assert read.scores == {"fr": (1, 2), "nl": (1, 1)} and read.failed == {"fr-memory-02"}
    assert read_conversation_results({"summary": 1}).scores == {}
