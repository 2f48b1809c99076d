"""spaCy pipelines for French and Dutch: tokens, lookup lemmas, folded norms.

No trained spaCy model exists for the spaCy that Rasa 3.6 ships, so we use spaCy's blank
`fr`/`nl` languages (good tokenizers: "l'appel" -> "l'" + "appel") with the lookup
lemmatizer from spacy-lookups-data. Each token's `norm_` is set to its folded lemma so
that matching ignores case, accents and inflection ("Formations" ~ "formation").
The same code runs in both environments (spaCy 3.4 beside Rasa, current spaCy beside the
action server): only APIs common to both are used.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from bot.text.normalize import fold

LANGUAGES = ("fr", "nl")


@Language.component("fold_lemma_norm")
def _fold_lemma_norm(doc: Doc) -> Doc:
    """Store the folded lemma in `norm_`; an unknown word keeps its folded form."""
    for token in doc:
        token.norm_ = fold(token.lemma_ or token.text)
    return doc


@lru_cache(maxsize=None)
def pipeline(lang: str) -> Language:
    """The spaCy pipeline of `lang` (loaded once per process; takes a few seconds)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang!r}")
    nlp = spacy.blank(lang)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("fold_lemma_norm")
    nlp.initialize()
    return nlp


def analyse(text: str, lang: str) -> Doc:
    """Tokenize and lemmatize `text` in `lang`."""
    return pipeline(lang)(text)


def norms(text: str, lang: str) -> list[str]:
    """The folded lemmas of `text`, punctuation left out."""
    return [t.norm_ for t in analyse(text, lang) if not (t.is_punct or t.is_space)]


def warm_up(languages: Iterable[str] = LANGUAGES) -> None:
    """Load the pipelines now rather than on the first message."""
    for lang in languages:
        pipeline(lang)


def lookup_norm(word: str, lang: str) -> str:
    """The folded lemma of one word in `lang`'s lookup table (the word itself if unknown)."""
    table = pipeline(lang).get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    lemma = table.get(word, table.get(word.lower(), word))
    if isinstance(lemma, list):  # a few entries list several lemmas: take the first
        lemma = lemma[0] if lemma else word
    return fold(str(lemma))
