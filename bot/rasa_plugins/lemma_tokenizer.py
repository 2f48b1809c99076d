"""NLU tokenizer: spaCy's French or Dutch tokenizer, with folded lookup lemmas.

The language comes from LanguageDetector (it must run first); an undetected message is
tokenized as French, the token norms falling back to the Dutch lemma table when the
French one does not know a word. Featurizers read the lemma, so "formations",
"Formation" and "formation" are one feature.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language import DEFAULT, SUPPORTED
from bot.rasa_plugins.fingerprint import code_fingerprint
from bot.text.lemmas import analyse, lookup_norm, warm_up
from bot.text.normalize import blank_markup, clean_text, fold

_LANGUAGE_INFO = "language"


def language_of(message: Message) -> str:
    """The language LanguageDetector found for `message`, the default when it found none."""
    info = message.get(_LANGUAGE_INFO) or {}
    for key in ("requested", "detected", "page"):
        if info.get(key) in SUPPORTED:
            return str(info[key])
    return DEFAULT


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class LemmaTokenizer(Tokenizer):  # type: ignore[misc]  # Rasa is not installed where mypy runs: its classes are Any
    """Tokenizes with spaCy and stores folded lemmas on the tokens."""

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return code_fingerprint("text", "rasa_plugins/lemma_tokenizer.py")

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LemmaTokenizer:
        warm_up()
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = clean_text(message.get(attribute) or "")  # as the REST channel does: other paths too
        if attribute != TEXT:
            # Intent and action names: plain words, as Rasa's whitespace tokenizer does.
            words: list[Token] = self._convert_words_to_tokens(text.split(), text)
            return words
        lang = language_of(message)
        others = [code for code in SUPPORTED if code != lang]
        doc = analyse(blank_markup(text), lang)  # "<script>…</script> quel budget ?" is about the budget
        only_symbols = all(t.is_punct or t.is_space for t in doc)
        tokens = []
        for tok in doc:
            if tok.is_space or (tok.is_punct and not only_symbols):
                continue
            lemma = tok.norm_
            for other in others:  # unknown to this language's table: the first other that knows it
                if lemma != fold(tok.text):
                    break
                lemma = lookup_norm(tok.text, other)
            tokens.append(Token(tok.text, tok.idx, lemma=lemma))
        if not tokens:
            tokens = [Token(text, 0, lemma=fold(text))]
        patterned: list[Token] = self._apply_token_pattern(tokens)
        return patterned
