"""The NLU components read cleaned text, whatever path the message came by (/model/parse too)."""

from __future__ import annotations

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.input_guard import guarded_intent
from bot.rasa_plugins.language_detector import LanguageDetector
from bot.rasa_plugins.lemma_tokenizer import LemmaTokenizer

ZWSP = "\u200b"


def tokens(text: str) -> list[str]:
    message = Message(data={TEXT: text, "metadata": {}})
    LanguageDetector().process([message])
    return [t.lemma for t in LemmaTokenizer(LemmaTokenizer.get_default_config()).tokenize(message, TEXT)]


def test_zero_width_characters_do_not_split_words_or_hide_the_language() -> None:
    assert tokens(f"Wat is het bud{ZWSP}get?") == tokens("Wat is het budget?")
    message = Message(data={TEXT: ZWSP.join("Wat is het budget van de oproep?"), "metadata": {}})
    LanguageDetector().process([message])
    assert message.get("language")["detected"] == "nl"


def test_a_lone_surrogate_or_control_character_does_not_break_the_tokenizer() -> None:
    assert "budget" in tokens("quel budget \ud800 ?\x00")
    assert tokens("\ud800") == ["\ufffd"]


def test_invisible_only_input_is_unreadable() -> None:
    assert guarded_intent(ZWSP * 3 + "\u2060\x00") == "unreadable_input"
