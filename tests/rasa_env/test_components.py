"""The custom Rasa components, run in the Rasa environment (make unit)."""

from __future__ import annotations

from typing import Any

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.action_failure_policy import failed_custom_action
from bot.rasa_plugins.input_guard import guarded_intent
from bot.rasa_plugins.language_detector import LanguageDetector
from bot.rasa_plugins.lemma_tokenizer import LemmaTokenizer

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [ask_budget]
actions: [action_answer]
responses:
  utter_action_failed:
    - text: sorry
"""
)


def detect(text: str, metadata: dict[str, Any] | None = None) -> Message:
    message = Message(data={TEXT: text, "metadata": metadata or {}})
    LanguageDetector().process([message])
    return message


def test_language_is_written_in_the_parse_data_and_as_an_entity() -> None:
    message = detect("Wat is het budget van de oproep?", {"language": "fr"})
    assert message.get("language") == {"detected": "nl", "requested": None, "leaning": None, "page": "fr"}
    assert [e["value"] for e in message.get("entities")] == ["nl"]


def test_an_ambiguous_message_sets_no_language_entity() -> None:
    assert not detect("ok").get("entities")


def test_tokens_carry_folded_lemmas_in_the_detected_language() -> None:
    tokenizer = LemmaTokenizer(LemmaTokenizer.get_default_config())
    lemmas = [t.lemma for t in tokenizer.tokenize(detect("Nous proposons des Formations à l'appel"), TEXT)]
    assert lemmas == ["nous", "proposer", "un", "formation", "a", "le", "appel"]
    dutch = [t.lemma for t in tokenizer.tokenize(detect("Wij bieden korte opleidingen aan"), TEXT)]
    assert "opleiding" in dutch


def test_input_guard_routes_unusable_input() -> None:
    assert guarded_intent("") == "unreadable_input"
    assert guarded_intent("🙂🙂") == "unreadable_input"
    assert guarded_intent("budget " * 400) == "input_too_long"
    assert guarded_intent("What is the deadline of this call, please?") == "foreign_language"
    assert guarded_intent("/ask_budget") is None
    assert guarded_intent("Quel est le budget ?") is None


def tracker(*events: object) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("t", list(events))


def test_a_custom_action_without_a_reply_is_a_failure() -> None:
    silent = tracker(UserUttered("budget?"), ActionExecuted("action_answer"))
    assert failed_custom_action(silent, DOMAIN) == "action_answer"


def test_a_custom_action_that_replied_is_not_a_failure() -> None:
    replied = tracker(UserUttered("budget?"), ActionExecuted("action_answer"), BotUttered("400.000 €"))
    assert failed_custom_action(replied, DOMAIN) is None
    apologised = tracker(UserUttered("budget?"), ActionExecuted("action_answer"), ActionExecuted("utter_action_failed"))
    assert failed_custom_action(apologised, DOMAIN) is None


def test_pasted_markup_is_not_read_as_words() -> None:
    tokenizer = LemmaTokenizer(LemmaTokenizer.get_default_config())
    tokens = tokenizer.tokenize(detect("<script>alert('x')</script> quel est le <b>budget</b> ?"), TEXT)
    assert [t.text for t in tokens] == ["quel", "est", "le", "budget"]
    only_markup = tokenizer.tokenize(detect("<br/>"), TEXT)
    assert len(only_markup) == 1  # nothing but markup: one token, so the guard and fallback still see it
