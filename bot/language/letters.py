"""A guess at the language of a message too short for marker words ("toelatingsvoorwaarden?",
"tijdslimiet?"): letter trigrams counted over the training examples of each language
(data/nlu/<lang>/). Used only when nothing better says which language to answer in.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import cache

import yaml

from bot.paths import data_dir
from bot.text.normalize import words

MIN_MARGIN = 0.35  # mean log-likelihood difference per trigram needed to lean one way
MIN_TRIGRAMS = 9  # "ok", "VR ?" or "deadline?" say too little (and are shared by both languages)


def _trigrams(text: str) -> list[str]:
    grams = []
    for word in words(text):
        padded = f" {word} "
        grams += [padded[i : i + 3] for i in range(len(padded) - 2)]
    return grams


@cache
def _model(languages: tuple[str, ...]) -> dict[str, tuple[Counter[str], int]]:
    model = {}
    for lang in languages:
        counts: Counter[str] = Counter()
        for path in sorted((data_dir() / "nlu" / lang).glob("*.yml")):
            for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
                for line in str(block.get("examples", "")).splitlines():
                    counts.update(_trigrams(line.lstrip("- ")))
        model[lang] = (counts, sum(counts.values()))
    return model


def leaning(text: str, languages: tuple[str, ...]) -> str | None:
    """The language whose letters `text` looks like, when it clearly looks like one."""
    grams = _trigrams(text)
    if len(grams) < MIN_TRIGRAMS:
        return None
    model = _model(languages)
    vocabulary = len(set().union(*(counts for counts, _ in model.values()))) or 1
    scores = {
        lang: sum(math.log((counts[g] + 1) / (total + vocabulary)) for g in grams) / len(grams)
        for lang, (counts, total) in model.items()
    }
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    if len(ranked) > 1 and scores[ranked[0]] - scores[ranked[1]] < MIN_MARGIN:
        return None
    return ranked[0]
