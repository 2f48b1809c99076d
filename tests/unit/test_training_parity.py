"""Every intent is trained in French and in Dutch, with enough varied examples."""

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from bot.language import SUPPORTED
from bot.paths import data_dir

ROOT = Path(__file__).resolve().parents[2]
MIN_EXAMPLES = 40
# Intents set by bot.rasa_plugins.input_guard rather than learnt per language.
SET_BY_CODE = {"unreadable_input", "input_too_long", "foreign_language"}


def examples_by_intent(lang: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted((data_dir() / "nlu" / lang).glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            lines = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
            found[block["intent"]].extend(lines)
    return found


def domain_intents() -> set[str]:
    return set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"]) - SET_BY_CODE


@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_intent_has_enough_examples(lang: str) -> None:
    counts = {intent: len(ex) for intent, ex in examples_by_intent(lang).items()}
    too_few = {i: counts.get(i, 0) for i in domain_intents() if counts.get(i, 0) < MIN_EXAMPLES}
    assert not too_few, f"{lang}: intents with fewer than {MIN_EXAMPLES} examples: {too_few}"


@pytest.mark.parametrize("lang", SUPPORTED)
def test_no_intent_is_trained_in_one_language_only(lang: str) -> None:
    assert set(examples_by_intent(lang)) == domain_intents()


@pytest.mark.parametrize("lang", SUPPORTED)
def test_examples_are_not_repeated(lang: str) -> None:
    seen: dict[str, str] = {}
    for intent, examples in examples_by_intent(lang).items():
        for example in examples:
            key = example.lower().strip(" ?!.")
            assert key not in seen or seen[key] == intent, f"{example!r} in {seen.get(key)} and {intent}"
            seen[key] = intent
