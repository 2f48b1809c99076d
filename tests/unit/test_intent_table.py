"""The intent table (data/intents.yml) names only intents the domain and the training know."""

from pathlib import Path

import yaml

from bot.answers import ANSWERS
from bot.intents import FALLBACK, intents
from tests.unit.test_training_parity import examples_by_intent

ROOT = Path(__file__).resolve().parents[2]


def all_domain_intents() -> set[str]:
    return set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])


def test_every_intent_of_the_table_is_in_the_domain() -> None:
    assert intents().all() - all_domain_intents() == set()


def test_guarded_intents_are_never_trained_and_the_others_are() -> None:
    trained = set(examples_by_intent("fr"))
    assert intents().guarded.isdisjoint(trained)
    assert all_domain_intents() - intents().guarded == trained


def test_every_question_and_fact_has_an_answer() -> None:
    assert (intents().questions | intents().facts | {FALLBACK}) - set(ANSWERS) == set()


def test_facts_describing_intents_and_project_questions_are_questions() -> None:
    table = intents()
    assert table.facts <= table.questions
    assert table.describes <= table.about_the_project <= table.questions
