"""NLU intent classifier: a linear SVM over the featurizers' sparse sentence features.

Why not DIET: with sparse features only (no French or Dutch word vectors exist for
Rasa's spaCy) and ~13.700 short examples, `make evaluate` gave DIET a macro F1 about 0.03
below a linear SVM on the same features, for ten times the training time.

Each featurizer's block of counts is tf-idf weighted (sublinear) and L2-normalised on its
own, so that character n-grams do not drown the word n-grams. Confidences are a softmax
of the SVM's decision values with a temperature fitted at training time on held-out
folds (temperature scaling), so they read as probabilities: FallbackClassifier's
threshold of 0.4 means "less than 40% likely to be right". A message of several words
none of which was seen in training ("flurb glorp ?", see Lexicon) gets confidence 0: the
SVM would otherwise pick the broadest intent (out_of_scope) for lack of evidence, and the
applicant should rather be asked to rephrase.
"""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.optimize import minimize_scalar
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from bot.rasa_plugins.fingerprint import code_fingerprint, data_fingerprint
from bot.rasa_plugins.lexicon import Lexicon, words_of
from bot.rasa_plugins.message_parts import PART, part_rows
from bot.rasa_plugins.sparse_blocks import Blocks, Weighting, sentence_blocks, sequence_blocks, span_blocks

_FILE = "linear_intent_classifier.pkl"


@dataclass(frozen=True)
class Scorer:
    """A linear SVM over weighted blocks and the temperature that calibrates it."""

    weighting: Weighting
    svm: LinearSVC
    temperature: float

    def probabilities(self, blocks: list[Blocks]) -> npt.NDArray[np.float64]:
        scores = self.svm.decision_function(self.weighting.transform(blocks))
        return softmax(np.atleast_2d(scores), self.temperature)


@dataclass(frozen=True)
class _Model:
    """What training produces and `process` needs, persisted as one pickle: a scorer for
    whole messages (sentence features, word pairs included), one for their parts (token
    rows summed), and the words seen in training."""

    message: Scorer
    parts: Scorer
    lexicon: Lexicon


def softmax(scores: npt.NDArray[np.float64], temperature: float) -> npt.NDArray[np.float64]:
    """Row-wise softmax of decision scores, sharpened or softened by `temperature`."""
    z = (scores - scores.max(axis=1, keepdims=True)) / temperature
    e = np.exp(z)
    probabilities: npt.NDArray[np.float64] = e / e.sum(axis=1, keepdims=True)
    return probabilities


def fit_temperature(scores: npt.NDArray[np.float64], gold: npt.NDArray[np.intp]) -> float:
    """The softmax temperature that best predicts the held-out labels (lowest log loss)."""

    def log_loss(temperature: float) -> float:
        probabilities = softmax(scores, temperature)[np.arange(len(gold)), gold]
        return float(-np.log(np.clip(probabilities, 1e-12, None)).mean())

    return float(minimize_scalar(log_loss, bounds=(0.01, 2.0), method="bounded").x)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):  # type: ignore[misc]  # Rasa is not installed where mypy runs: its classes are Any
    """Linear SVM intent classifier with calibrated confidences (see module docstring)."""

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return code_fingerprint(
            "rasa_plugins/linear_intent_classifier.py",
            "rasa_plugins/lexicon.py",
            "rasa_plugins/message_parts.py",
            "rasa_plugins/sparse_blocks.py",
            "text/segments.py",
        ) + data_fingerprint("vocabulary/fr.yml", "vocabulary/nl.yml")

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"C": 1.0, "ranking_length": 10, "calibration_folds": 3, "random_seed": 42}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: _Model | None = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage, self._resource = model_storage, resource
        self._model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        return cls(config, model_storage, resource)

    def _svm(self) -> LinearSVC:
        return LinearSVC(C=self._config["C"], random_state=self._config["random_seed"])

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        labels = np.array([m.get(INTENT) for m in examples])
        seen = Counter(word for m in examples for word in set(words_of(m.get(TOKENS_NAMES[TEXT]) or [])))
        self._model = _Model(
            message=self._fit([sentence_blocks(m) for m in examples], labels),
            parts=self._fit([span_blocks(sequence_blocks(m)) for m in examples], labels),
            lexicon=Lexicon(
                frozenset(word for word, count in seen.items() if count >= 2)
            ),  # min_df, as the featurizers
        )
        with self._storage.write_to(self._resource) as directory:
            (directory / _FILE).write_bytes(pickle.dumps(self._model))
        return self._resource

    def _fit(self, blocks: list[Blocks], labels: npt.NDArray[np.str_]) -> Scorer:
        weighting = Weighting.fit(blocks)
        features = weighting.transform(blocks)
        svm = self._svm().fit(features, labels)
        return Scorer(weighting, svm, self._temperature(features, labels, svm.classes_))

    def _temperature(
        self, features: scipy.sparse.csr_matrix, labels: npt.NDArray[np.str_], classes: npt.NDArray[np.str_]
    ) -> float:
        """Decision values of held-out folds -> the temperature that calibrates them."""
        folds = StratifiedKFold(
            self._config["calibration_folds"], shuffle=True, random_state=self._config["random_seed"]
        )
        scores, gold = [], []
        for train, held_out in folds.split(features, labels):
            svm = self._svm().fit(features[train], labels[train])
            # A class missing from a fold's training part gets no score: keep full width.
            full = np.full((len(held_out), len(classes)), -10.0)
            full[:, np.searchsorted(classes, svm.classes_)] = svm.decision_function(features[held_out])
            scores.append(full)
            gold.append(np.searchsorted(classes, labels[held_out]))
        return fit_temperature(np.vstack(scores), np.concatenate(gold))

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        try:
            with model_storage.read_from(resource) as directory:
                model = pickle.loads((directory / _FILE).read_bytes())  # our own trained model
        except (ValueError, FileNotFoundError):  # nothing trained (no intent examples)
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if self._model is None or not message.get(TEXT):
                message.set(INTENT, {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
                message.set("intent_ranking", [], add_to_output=True)
                continue
            tokens = message.get(TOKENS_NAMES[TEXT]) or []
            probabilities = self._model.message.probabilities([sentence_blocks(message)])[0]
            ranking = self._ranking(probabilities, words_of(tokens))
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
            message.set(PART, self._parts(message, ranking[0]), add_to_output=True)
        return messages

    def _ranking(self, probabilities: npt.NDArray[np.float64], words: list[str]) -> list[dict[str, Any]]:
        assert self._model is not None
        # Several words and not one known: no evidence, not understood. A single unknown
        # word ("tijdslimiet?") is left to the character n-grams.
        if len(words) >= 2 and not any(self._model.lexicon.recognises(word) for word in words):
            probabilities = np.zeros_like(probabilities)
        classes = self._model.message.svm.classes_
        order = np.argsort(-probabilities)[: self._config["ranking_length"]]
        return [{INTENT_NAME_KEY: str(classes[i]), PREDICTED_CONFIDENCE_KEY: float(probabilities[i])} for i in order]

    def _parts(self, message: Message, whole: dict[str, Any]) -> list[dict[str, Any]]:
        """Each part of the message (bot/text/segments.py) with its own intent; a part that
        is the whole message keeps the message's intent."""
        assert self._model is not None
        spans = part_rows(message)
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        sequence = sequence_blocks(message)
        text = str(message.get(TEXT))
        parts = []
        for span, rows in spans:
            if len(rows) == len(tokens):
                top = whole
            else:
                probabilities = self._model.parts.probabilities([span_blocks(sequence, rows)])[0]
                top = self._ranking(probabilities, words_of([tokens[i] for i in rows]))[0]
            parts.append(
                {
                    "text": text[span.start : span.end],
                    "start": span.start,
                    "end": span.end,
                    "sentence": span.sentence,
                    "question": span.question,
                    INTENT_NAME_KEY: top[INTENT_NAME_KEY],
                    PREDICTED_CONFIDENCE_KEY: top[PREDICTED_CONFIDENCE_KEY],
                }
            )
        return parts
