"""NLU component placed after the classifiers: routes input no classifier should judge.

- no letters at all (empty, emoji only, binary junk)  -> intent `unreadable_input`
- longer than MAX_MESSAGE_CHARS                         -> intent `input_too_long`
- clearly in a language the assistant does not speak  -> intent `foreign_language`
Each gets a clear reply instead of a guess.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language import detect
from bot.limits import max_message_chars
from bot.rasa_plugins.fingerprint import data_fingerprint
from bot.text.normalize import clean_text, has_letters


def guarded_intent(text: str) -> str | None:
    """The intent that overrides the classifier for `text`, or None."""
    if text.startswith("/"):  # a button payload: Rasa's intent syntax, never overridden
        return None
    text = clean_text(text)
    if not has_letters(text):
        return "unreadable_input"
    if len(text) > max_message_chars():
        return "input_too_long"
    if detect(text).is_foreign:
        return "foreign_language"
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class InputGuard(GraphComponent):  # type: ignore[misc]  # Rasa is not installed where mypy runs: its classes are Any
    """Overrides the predicted intent for unusable input (see module docstring)."""

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return data_fingerprint("language/markers.yml")

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> InputGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = guarded_intent(message.get(TEXT) or "")
            if intent:
                message.set(INTENT, {INTENT_NAME_KEY: intent, "confidence": 1.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        return messages
