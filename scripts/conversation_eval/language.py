"""Which language a reply is written in, from the `words` lists of the vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterable

from scripts.conversation_eval.vocabulary import LanguageVocabulary

MIN_WORDS = 2  # fewer marker words than this: the language is not recognised
MARGIN = 1.5  # the winner needs this many times the runner-up's count


def reply_language(folded: str, langs: Iterable[LanguageVocabulary]) -> str | None:
    """The language `folded` is clearly written in, or None when it cannot be told."""
    tokens = re.findall(r"[a-z]+", folded)
    counts = sorted(((sum(t in lang.words for t in tokens), lang.code) for lang in langs), reverse=True)
    if not counts or counts[0][0] < MIN_WORDS:
        return None
    best, code = counts[0]
    runner_up = counts[1][0] if len(counts) > 1 else 0
    return code if best >= MARGIN * runner_up and best > runner_up else None
