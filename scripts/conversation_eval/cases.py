"""The case files of the conversation test set: reading them and saying what is wrong.

A file is a YAML list of conversations; its language is the last `_`-separated part of
its name (`fr.yml`, `faq_nl.yml`, `second_faq_nl.yml`), and a `faq` part before it makes it
a FAQ file. Each conversation:

    - id: fr-memory-01            # starts with the file's language
      kind: memory                # one of KINDS (FAQ_KIND in FAQ files)
      turns:
        - say: "..."              # what the applicant types
          lang: nl                # optional: the conversation is in this language from here on
          metadata: {language: nl}  # optional: sent with the message, as a web page would
          expect: [budget, {contains: "regex"}, {absent: "regex"}]  # judged turn (may be [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.language import SUPPORTED
from bot.text.normalize import fold
from scripts.conversation_eval.vocabulary import Vocabulary

# The kinds of issue 10, and the single questions asked the way FAQ pages ask them.
KINDS = (
    "memory", "follow_up", "correction", "long_message", "several_questions", "exact_item", "premise",
    "how_to_apply", "form_interrupted", "offers_not_pushes", "handoff", "language",
)  # fmt: skip
FAQ_KIND = "faq"
TURNS = {"conversation": (2, 6), FAQ_KIND: (1, 6)}  # fewest and most turns
REGEX_KEYS = ("contains", "absent")
SPECIAL_CHECKS = ("measures_all", "tech_all")


class CaseError(ValueError):
    """A case file that cannot be run, with where and why."""


@dataclass(frozen=True)
class Expectation:
    """A named check, or a regular expression the reply `contains` or is `absent` from."""

    name: str  # a check name, or "contains" / "absent"
    pattern: re.Pattern[str] | None = None

    def __str__(self) -> str:
        return f"{self.name}: /{self.pattern.pattern}/" if self.pattern else self.name


@dataclass(frozen=True)
class Turn:
    say: str
    lang: str  # the conversation's language at this turn
    expect: tuple[Expectation, ...] | None  # None: context only
    metadata: dict[str, Any] | None = None

    @property
    def judged(self) -> bool:
        return self.expect is not None


@dataclass(frozen=True)
class Conversation:
    id: str
    kind: str
    lang: str  # the file's language
    turns: tuple[Turn, ...]
    source: str


def file_language(path: Path) -> str:
    lang = path.stem.split("_")[-1]
    if lang not in SUPPORTED:
        raise CaseError(f"{path.name}: the name must end with a supported language {SUPPORTED}")
    return lang


def is_faq_file(name: str) -> bool:
    """`faq` among the `_`-separated parts of the file's name before its language."""
    return FAQ_KIND in Path(name).stem.split("_")[:-1]


def check_names(vocab: Vocabulary, lang: str) -> set[str]:
    """Every named check usable in `lang` (measure:N and tech:NAME spelled out)."""
    language = vocab.language(lang)
    return {
        *language.checks,
        *SPECIAL_CHECKS,
        *(f"measure:{n}" for n in language.measures),
        *(f"tech:{name}" for name in language.technologies),
    }


def _expectation(raw: Any, names: set[str], where: str) -> Expectation:
    if isinstance(raw, str):
        if raw not in names:
            raise CaseError(f"{where}: unknown check {raw!r}")
        return Expectation(raw)
    if isinstance(raw, dict) and len(raw) == 1 and next(iter(raw)) in REGEX_KEYS:
        key, pattern = next(iter(raw.items()))
        if not isinstance(pattern, str) or not pattern:
            raise CaseError(f"{where}: {key} needs a regular expression")
        if fold(pattern) != pattern:
            raise CaseError(f"{where}: {key} /{pattern}/ must be folded (lower case, no accents)")
        try:
            return Expectation(key, re.compile(pattern))
        except re.error as error:
            raise CaseError(f"{where}: {key} /{pattern}/ is not a regular expression: {error}") from None
    raise CaseError(f"{where}: an expectation is a check name or {{contains|absent: regex}}, not {raw!r}")


def _turn(raw: Any, lang: str, vocab: Vocabulary, where: str) -> Turn:
    if not isinstance(raw, dict) or not isinstance(raw.get("say"), str) or not raw["say"].strip():
        raise CaseError(f"{where}: a turn needs a non-empty `say`")
    unknown = set(raw) - {"say", "lang", "metadata", "expect"}
    if unknown:
        raise CaseError(f"{where}: unknown keys {sorted(unknown)}")
    lang = raw.get("lang", lang)
    if lang not in SUPPORTED:
        raise CaseError(f"{where}: unsupported language {lang!r}")
    metadata = raw.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise CaseError(f"{where}: metadata must be a mapping")
    expect = None
    if "expect" in raw:
        if not isinstance(raw["expect"], list):
            raise CaseError(f"{where}: expect must be a list")
        names = check_names(vocab, lang)
        expect = tuple(_expectation(e, names, where) for e in raw["expect"])
    return Turn(say=raw["say"], lang=lang, expect=expect, metadata=metadata)


def _conversation(raw: Any, lang: str, vocab: Vocabulary, source: str, index: int) -> Conversation:
    where = f"{source} item {index + 1}"
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise CaseError(f"{where}: a conversation needs an `id`")
    where = f"{source} {raw['id']}"
    if not raw["id"].startswith(f"{lang}-"):
        raise CaseError(f"{where}: the id must start with '{lang}-' (the file's language)")
    kind = raw.get("kind")
    allowed_kinds = (FAQ_KIND,) if is_faq_file(source) else KINDS
    if kind not in allowed_kinds:
        raise CaseError(f"{where}: kind {kind!r} is not one of {allowed_kinds}")
    fewest, most = TURNS[FAQ_KIND if kind == FAQ_KIND else "conversation"]
    raw_turns = raw.get("turns")
    if not isinstance(raw_turns, list) or not fewest <= len(raw_turns) <= most:
        raise CaseError(f"{where}: needs {fewest} to {most} turns")
    turns: list[Turn] = []
    for n, raw_turn in enumerate(raw_turns, 1):
        turns.append(_turn(raw_turn, turns[-1].lang if turns else lang, vocab, f"{where} turn {n}"))
    if not any(t.judged for t in turns):
        raise CaseError(f"{where}: no judged turn (give at least one turn an `expect`)")
    return Conversation(id=raw["id"], kind=str(kind), lang=lang, turns=tuple(turns), source=source)


def load_file(path: Path, vocab: Vocabulary) -> list[Conversation]:
    """The conversations of one case file; CaseError says what is wrong and where."""
    lang = file_language(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CaseError(f"{path.name}: not valid YAML: {error}") from None
    if not isinstance(raw, list):
        raise CaseError(f"{path.name}: expected a list of conversations")
    return [_conversation(item, lang, vocab, path.name, i) for i, item in enumerate(raw)]


def load(paths: list[Path], vocab: Vocabulary) -> list[Conversation]:
    """The conversations of every file, ids unique across files."""
    conversations = [c for path in paths for c in load_file(path, vocab)]
    seen: set[str] = set()
    for c in conversations:
        if c.id in seen:
            raise CaseError(f"{c.source}: id {c.id} is used twice")
        seen.add(c.id)
    return conversations
