"""NLU component: detects the language of each message before it is tokenized.

It writes `language` into the parse data ({"detected", "requested", "page"}) for the
action server, and adds a `language` entity when the message is confidently French or
Dutch, so the `language` slot follows the applicant; otherwise the slot keeps its value.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import SUPPORTED, detect
from bot.rasa_plugins.fingerprint import code_fingerprint, data_fingerprint
from bot.text.normalize import clean_text

LANGUAGE = "language"


def page_language(message: Message) -> str | None:
    """The language of the web page the message was sent from (message metadata)."""
    metadata = message.get("metadata") or {}
    value = metadata.get(LANGUAGE) if isinstance(metadata, dict) else None
    return value if value in SUPPORTED else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class LanguageDetector(GraphComponent):  # type: ignore[misc]  # Rasa is not installed where mypy runs: its classes are Any
    """Marks each message with its language (see module docstring)."""

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return data_fingerprint("language/markers.yml") + code_fingerprint("language")

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            if example.get(TEXT):
                self._mark(example, add_entity=False)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._mark(message, add_entity=True)
        return messages

    @staticmethod
    def _mark(message: Message, add_entity: bool) -> None:
        text = message.get(TEXT) or ""
        detection = detect(clean_text(text))  # a zero-width space must not hide the words
        info = {
            "detected": detection.language,
            "requested": detection.requested,
            "leaning": detection.leaning,
            "page": page_language(message),
        }
        message.set(LANGUAGE, info, add_to_output=True)
        reply_language = detection.reply_language
        if add_entity and reply_language:
            entity = {
                "entity": LANGUAGE,
                "value": reply_language,
                "start": 0,
                "end": len(text),
                "extractor": "LanguageDetector",
            }
            message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
