"""spaCy pipelines for the supported languages (French, Dutch): tokens, lookup lemmas, folded norms.

No trained spaCy model exists for the spaCy that Rasa 3.6 ships, so we use spaCy's blank
`fr`/`nl` languages (good tokenizers: "l'appel" -> "l'" + "appel") with the lookup
lemmatizer from spacy-lookups-data. Each token's `norm_` is set to its folded lemma so
that matching ignores case, accents and inflection ("Formations" ~ "formation"), also
for words typed without their accents ("etudiants" ~ "étudiant", bot/text/unaccented.py).
The same code runs in both environments (spaCy 3.4 beside Rasa, current spaCy beside the
action server): only APIs common to both are used.
"""

from collections.abc import Iterable
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from bot.language.languages import SUPPORTED
from bot.text.normalize import fold
from bot.text.unaccented import unaccented_lemmas


class _FoldLemmaNorm:
    """Stores the folded lemma in `norm_`. spaCy's lookup is case-sensitive, so a word the
    table does not know as written ("Formations") is looked up again in lower case."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        table = _lookup_table(self.nlp)
        unaccented = unaccented_lemmas(self.nlp.lang)
        for token in doc:
            lemma = token.lemma_ or token.text
            if lemma == token.text and token.text != token.lower_:
                lemma = _first(table.get(token.lower_, token.lower_))
            norm = fold(lemma)
            token.norm_ = unaccented.get(norm, norm) if lemma.lower() == token.lower_ else norm
        return doc


# No `from __future__ import annotations` in this module: spaCy 3.4 validates factory
# arguments from their real annotations.
@Language.factory("fold_lemma_norm")
def _fold_lemma_norm(nlp: Language, name: str) -> _FoldLemmaNorm:
    return _FoldLemmaNorm(nlp)


def _lookup_table(nlp: Language) -> Any:
    """The lookup lemmatizer's word -> lemma table."""
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    return lemmatizer.lookups.get_table("lemma_lookup")


def _first(lemma: object) -> str:
    """A few table entries list several lemmas: take the first."""
    if isinstance(lemma, list):
        return str(lemma[0]) if lemma else ""
    return str(lemma)


@cache
def pipeline(lang: str) -> Language:
    """The spaCy pipeline of `lang` (loaded once per process; takes a few seconds)."""
    if lang not in SUPPORTED:
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


def warm_up(languages: Iterable[str] = SUPPORTED) -> None:
    """Load the pipelines and their index of unaccented words now rather than on the
    first message in each language (about a second each)."""
    for lang in languages:
        pipeline(lang)
        unaccented_lemmas(lang)


def lookup_norm(word: str, lang: str) -> str:
    """The folded lemma of one word in `lang`'s lookup table (the word itself if unknown)."""
    table = _lookup_table(pipeline(lang))
    return fold(_first(table.get(word, table.get(word.lower(), word))) or word)
