"""NLU featurizer: "this message mentions a kind of applicant / a technology / ...".

The vocabulary that the action server uses to answer (data/vocabulary/<lang>.yml) also
tells the intent classifier what a message talks about: one feature per configured
section, set on the tokens spaCy's PhraseMatcher finds (on folded lemmas). A question
naming an asbl is then about who may apply even if it also says "projet".
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.knowledge.vocabulary import matcher
from bot.rasa_plugins.fingerprint import data_fingerprint
from bot.rasa_plugins.lemma_tokenizer import language_of


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class VocabularyFeaturizer(SparseFeaturizer, GraphComponent):  # type: ignore[misc]  # Rasa is not installed where mypy runs: its classes are Any
    """Adds one sparse feature per vocabulary section (see module docstring)."""

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return data_fingerprint("vocabulary/fr.yml", "vocabulary/nl.yml")

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**SparseFeaturizer.get_default_config(), "sections": []}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if not config.get("sections"):
            raise ValueError("VocabularyFeaturizer needs a list of vocabulary `sections`")

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> VocabularyFeaturizer:
        return cls(execution_context.node_name, config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT])
            if message.get(TEXT) and tokens:
                sequence = self._sequence_features(message, tokens)
                sentence = sequence.max(axis=0, keepdims=True)
                self.add_features_to_message(
                    scipy.sparse.coo_matrix(sequence), scipy.sparse.coo_matrix(sentence), TEXT, message
                )
        return messages

    def _sequence_features(self, message: Message, tokens: list[Any]) -> npt.NDArray[np.float32]:
        text, lang = message.get(TEXT), language_of(message)
        sections = self._config["sections"]
        features = np.zeros((len(tokens), len(sections)), dtype=np.float32)
        for column, section in enumerate(sections):
            doc_hits = matcher(lang, section).hits(text)
            if not doc_hits:
                continue
            spans = [(h.char_start, h.char_end) for h in doc_hits]
            for row, token in enumerate(tokens):
                if any(start < token.end and token.start < end for start, end in spans):
                    features[row, column] = 1.0
        return features
