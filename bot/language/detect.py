"""Language detection from marker words listed in `data/language/markers.yml`.

Short or ambiguous messages ("ok", "budget ?") give no language on purpose: the
conversation then keeps the language it had.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from bot.language.languages import SUPPORTED
from bot.language.letters import leaning
from bot.paths import data_dir
from bot.text.normalize import fold, has_letters, words

# A foreign language needs more evidence than a supported one: a French sentence with
# one English word must not be refused.
_FOREIGN_MIN_SCORE = 4


@dataclass(frozen=True)
class Detection:
    """The outcome of looking at one message."""

    language: str | None = None  # best language when confident, else None
    requested: str | None = None  # language explicitly asked for ("in het Nederlands")
    leaning: str | None = None  # what the letters of a message without markers look like
    scores: dict[str, int] = field(default_factory=dict)

    @property
    def reply_language(self) -> str | None:
        """The supported language this message asks to be answered in, if any."""
        if self.requested:
            return self.requested
        return self.language if self.language in SUPPORTED else None

    @property
    def is_foreign(self) -> bool:
        """True when the message is clearly in a language the assistant does not speak."""
        return not self.requested and self.language is not None and self.language not in SUPPORTED


@dataclass(frozen=True)
class _Markers:
    weights: dict[str, dict[str, int]]
    requests: dict[str, tuple[str, ...]]
    mentions: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _markers() -> _Markers:
    raw = yaml.safe_load((data_dir() / "language" / "markers.yml").read_text(encoding="utf-8"))
    weights: dict[str, dict[str, int]] = {}
    for lang, lists in raw["markers"].items():
        for word in (*lists.get("weak", []), *lists.get("strong", [])):
            if not isinstance(word, str):  # YAML reads a bare `on` or `no` as a boolean
                raise ValueError(f"markers.yml: quote the {lang} marker {word!r}")
        table = {fold(w): 1 for w in lists.get("weak", [])}
        table.update({fold(w): 2 for w in lists.get("strong", [])})
        weights[lang] = table

    def phrases(section: str) -> dict[str, tuple[str, ...]]:
        return {lang: tuple(" ".join(words(p)) for p in found) for lang, found in raw.get(section, {}).items()}

    return _Markers(weights, phrases("requests"), phrases("mentions"))


def _asked(phrases: dict[str, tuple[str, ...]], folded: str) -> str | None:
    return next((lang for lang, found in phrases.items() if any(f" {p} " in folded for p in found)), None)


def detect(text: str) -> Detection:
    """Detect the language of `text` (see module docstring for the rules)."""
    markers = _markers()
    folded = f" {' '.join(words(text))} "
    tokens = folded.split()
    scores = {lang: sum(table.get(t, 0) for t in tokens) for lang, table in markers.weights.items()}
    language = _confident_language(scores)
    requested = _asked(markers.requests, folded)
    mentioned = _asked(markers.mentions, folded)
    if not requested and mentioned and (language == mentioned or language not in SUPPORTED):
        requested = mentioned
    lean = leaning(text, SUPPORTED) if language is None and not requested and has_letters(text) else None
    return Detection(language=language, requested=requested, scores=scores, leaning=lean)


def _confident_language(scores: dict[str, int]) -> str | None:
    """A supported language must beat each other one by 2 to 1 and score at least as much as
    any foreign language ("hallo" is Dutch here, not German);
    a foreign language must score at least 4 and beat the supported ones by 2 to 1."""
    best = max(scores, key=lambda lang: scores[lang])
    top = scores[best]
    if best in SUPPORTED:
        other = max((scores.get(lang, 0) for lang in SUPPORTED if lang != best), default=0)
        foreign = max((v for lang, v in scores.items() if lang not in SUPPORTED), default=0)
        return best if top >= 2 and top >= 2 * other and top >= foreign else None
    supported = max(scores.get(lang, 0) for lang in SUPPORTED)
    return best if top >= _FOREIGN_MIN_SCORE and top >= 2 * supported else None
