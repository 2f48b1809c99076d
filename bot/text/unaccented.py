"""Lemmas of words typed without their accents ("etudiants", "reservee", "eligibles").

spaCy's lookup table knows "étudiants" -> "étudiant" but not "etudiants", and applicants
often type without accents. This index maps each inflected form, folded (lower case, no
accents), to its folded lemma, for the forms whose folded spelling is not a word of its
own; it is built once per process from spacy-lookups-data's own table (about a second).
"""

from __future__ import annotations

import gzip
import json
from functools import cache

import spacy_lookups_data

from bot.text.normalize import fold


@cache
def unaccented_lemmas(lang: str) -> dict[str, str]:
    """Folded inflected form -> folded lemma, for `lang`."""
    path = spacy_lookups_data.get_file(f"{lang}_lemma_lookup.json.gz")
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        table: dict[str, object] = json.load(handle)
    index: dict[str, str] = {}
    for word, lemma in table.items():
        first = lemma[0] if isinstance(lemma, list) and lemma else lemma
        key = fold(word)
        if key != word and key not in table and isinstance(first, str):
            index.setdefault(key, fold(first))  # the first of a few clashes ("reserve")
    return index
