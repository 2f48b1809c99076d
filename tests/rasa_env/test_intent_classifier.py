"""LinearIntentClassifier trained on the real tokenizer and count vectors (make unit)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_plugins.language_detector import LanguageDetector
from bot.rasa_plugins.lemma_tokenizer import LemmaTokenizer
from bot.rasa_plugins.lexicon import Lexicon
from bot.rasa_plugins.linear_intent_classifier import LinearIntentClassifier, fit_temperature, softmax

EXAMPLES = {
    "ask_deadline": [
        "quelle est la date limite ?",
        "jusqu'à quand peut-on déposer ?",
        "c'est encore ouvert ?",
        "la clôture est quand ?",
        "il reste combien de temps ?",
        "wat is de deadline?",
        "tot wanneer kan ik indienen?",
        "is de oproep nog open?",
        "wanneer sluit de oproep?",
    ],
    "ask_budget": [
        "quel est le budget ?",
        "combien d'argent au total ?",
        "le montant de l'appel ?",
        "l'enveloppe totale fait combien ?",
        "c'est combien le budget global ?",
        "wat is het budget?",
        "hoeveel geld is er in totaal?",
        "hoe groot is de enveloppe?",
        "welk bedrag is voorzien?",
    ],
    "greet": [
        "bonjour",
        "salut",
        "bonsoir",
        "coucou",
        "bonjour à vous",
        "hallo",
        "goeiedag",
        "dag",
        "goedemorgen",
        "hoi",
    ],
}


def featurize(messages: list[Message], storage: LocalModelStorage, context: ExecutionContext) -> CountVectorsFeaturizer:
    for message in messages:
        LanguageDetector().process([message])
    LemmaTokenizer(LemmaTokenizer.get_default_config()).process_training_data(TrainingData(messages))
    config = {**CountVectorsFeaturizer.get_default_config(), "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4}
    featurizer = CountVectorsFeaturizer.create(config, storage, Resource("cv"), context)
    featurizer.train(TrainingData(messages))
    featurizer.process_training_data(TrainingData(messages))
    return featurizer


def new_message(text: str, featurizer: CountVectorsFeaturizer) -> Message:
    message = Message(data={TEXT: text})
    LanguageDetector().process([message])
    LemmaTokenizer(LemmaTokenizer.get_default_config()).process([message])
    featurizer.process([message])
    return message


# What `trained` gives: the classifier as trained, the same loaded from storage, the featurizer.
Trained = tuple[LinearIntentClassifier, LinearIntentClassifier, CountVectorsFeaturizer]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Trained:
    storage = LocalModelStorage(Path(tmp_path_factory.mktemp("model")))
    context = ExecutionContext(GraphSchema({}), "test")
    messages = [Message(data={TEXT: t, "intent": i}) for i, texts in EXAMPLES.items() for t in texts]
    featurizer = featurize(messages, storage, context)
    resource = Resource("classifier")
    classifier = LinearIntentClassifier.create({"calibration_folds": 2}, storage, resource, context)
    classifier.train(TrainingData(messages))
    reloaded = LinearIntentClassifier.load({"calibration_folds": 2}, storage, resource, context)
    return classifier, reloaded, featurizer


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("la date limite, c'est quand ?", "ask_deadline"),
        ("wat is de deadline van de oproep?", "ask_deadline"),
        ("quel budget au total ?", "ask_budget"),
        ("hoeveel budget is er?", "ask_budget"),
        ("bonjour !", "greet"),
    ],
)
def test_unseen_messages_get_their_intent_in_both_languages(trained: Trained, text: str, intent: str) -> None:
    _, reloaded, featurizer = trained
    message = reloaded.process([new_message(text, featurizer)])[0]
    assert message.get("intent")["name"] == intent


def test_the_ranking_is_a_sorted_distribution_and_survives_persistence(trained: Trained) -> None:
    classifier, reloaded, featurizer = trained
    fresh = classifier.process([new_message("quelle est la date limite ?", featurizer)])[0]
    loaded = reloaded.process([new_message("quelle est la date limite ?", featurizer)])[0]
    ranking = [r["confidence"] for r in loaded.get("intent_ranking")]
    assert ranking == sorted(ranking, reverse=True) and abs(sum(ranking) - 1.0) < 1e-6
    assert fresh.get("intent_ranking") == loaded.get("intent_ranking")


def test_a_message_unlike_any_example_is_less_confident(trained: Trained) -> None:
    _, reloaded, featurizer = trained
    known = reloaded.process([new_message("quel est le budget ?", featurizer)])[0]
    unknown = reloaded.process([new_message("xqzw pfff", featurizer)])[0]
    assert unknown.get("intent")["confidence"] < known.get("intent")["confidence"]


def test_a_message_without_text_gets_no_intent(trained: Trained) -> None:
    _, reloaded, _ = trained
    message = reloaded.process([Message(data={TEXT: ""})])[0]
    assert message.get("intent")["name"] is None and message.get("intent_ranking") == []


def test_temperature_follows_how_reliable_the_scores_are() -> None:
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 4, size=400)
    reliable = rng.normal(0, 0.1, size=(400, 4))
    reliable[np.arange(400), gold] += 1.0  # the right class always scores clearly higher
    noisy = rng.normal(0, 1.0, size=(400, 4))  # scores unrelated to the labels
    assert fit_temperature(reliable, gold) < 0.2 < 1.0 < fit_temperature(noisy, gold)
    assert softmax(np.array([[2.0, 0.0]]), 1.0)[0, 0] == pytest.approx(1 / (1 + np.exp(-2.0)))


def test_a_message_of_unseen_words_only_is_not_understood(trained: Trained) -> None:
    _, reloaded, featurizer = trained
    message = reloaded.process([new_message("flurb glorp snarf ?", featurizer)])[0]
    assert message.get("intent")["confidence"] == 0.0
    assert all(r["confidence"] == 0.0 for r in message.get("intent_ranking"))
    mixed = reloaded.process([new_message("flurb, quel est le budget ?", featurizer)])[0]
    assert mixed.get("intent")["name"] == "ask_budget" and mixed.get("intent")["confidence"] > 0.3


def test_a_word_with_one_typo_is_still_recognised() -> None:
    lexicon = Lexicon(frozenset({"budget", "date", "oproep"}))
    assert all(lexicon.recognises(w) for w in ("budget", "budjet", "budgt", "buddget", "oprop", "budgeeet"))
    assert lexicon.recognises("totaalbudget") and lexicon.recognises("oproepdatum")
    assert not any(lexicon.recognises(w) for w in ("dat", "bdjt", "flurb", "xyz"))


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "quel est le budget et la date limite ?",
            [("quel est le budget", "ask_budget"), ("la date limite", "ask_deadline")],
        ),
        (
            "Hoeveel geld is er? En wat is de deadline?",
            [("Hoeveel geld is er", "ask_budget"), ("wat is de deadline", "ask_deadline")],
        ),
    ],
)
def test_each_part_of_a_message_gets_its_own_intent(trained: Trained, text: str, parts: list[tuple[str, str]]) -> None:
    _, reloaded, featurizer = trained
    message = reloaded.process([new_message(text, featurizer)])[0]
    found = [(p["text"], p["name"]) for p in message.get("parts")]
    assert found == parts
    assert all(p["question"] for p in message.get("parts"))


def test_a_message_of_one_part_keeps_the_message_intent(trained: Trained) -> None:
    _, reloaded, featurizer = trained
    message = reloaded.process([new_message("quel est le budget ?", featurizer)])[0]
    (part,) = message.get("parts")
    assert part["name"] == message.get("intent")["name"] and part["confidence"] == message.get("intent")["confidence"]
