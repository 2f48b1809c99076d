"""Judging one reply: the named checks, the regular expressions, language and figures.

Replies are judged folded (`fold_reply`): lower case, no accents, one line per message
text and per button title, so that a pattern never runs across two of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.rasa_io.rest import BotMessage
from bot.text.normalize import fold
from scripts.conversation_eval.cases import Expectation, Turn
from scripts.conversation_eval.figures import invented
from scripts.conversation_eval.language import reply_language
from scripts.conversation_eval.vocabulary import LanguageVocabulary, PatternCheck, Vocabulary


@dataclass(frozen=True)
class FoldedReply:
    """A reply as the checks read it."""

    full: str  # texts and button titles, in the order shown, one per line
    text: str  # the texts alone

    @classmethod
    def of(cls, messages: Sequence[BotMessage]) -> FoldedReply:
        full = [fold(line) for m in messages for line in (m.text, *m.buttons) if line.strip()]
        text = [fold(m.text) for m in messages if m.text.strip()]
        return cls("\n".join(full), "\n".join(text))

    @classmethod
    def plain(cls, text: str) -> FoldedReply:
        """A reply of one message without buttons (tests, and messages typed by hand)."""
        return cls.of([BotMessage(text)])


def named_measures(text: str, lang: LanguageVocabulary) -> set[int]:
    """The priority measures a reply names, by their words or their number."""
    named = {n for n, pattern in lang.measures.items() if pattern.search(text)}
    named |= {int(m.groups()[-1]) for m in lang.measure_number.finditer(text)}
    return named


def _pattern_check(name: str, check: PatternCheck, reply: FoldedReply) -> list[str]:
    text = reply.text if check.text_only else reply.full
    failures = [f"{name}: no /{_short(p.pattern)}/" for p in check.all if not p.search(text)]
    if check.any and not any(p.search(text) for p in check.any):
        failures.append(f"{name}: not said")
    failures += [f"{name}: says «{m.group(0)}»" for p in check.none if (m := p.search(text))]
    if check.start and not any(p.match(text) for p in check.start):
        failures.append(f"{name}: starts «{text[:25]}…»")
    failures += [f"{name}: starts with «{m.group(0).strip()}»" for p in check.not_start if (m := p.match(text))]
    return failures


def _short(pattern: str, length: int = 40) -> str:
    return pattern if len(pattern) <= length else pattern[:length] + "…"


def named_check(name: str, reply: FoldedReply, lang: LanguageVocabulary) -> list[str]:
    """Why the reply fails the named check `name`."""
    text = reply.full
    if name.startswith("measure:"):
        wanted, named = int(name.split(":")[1]), named_measures(text, lang)
        if wanted not in named:
            return [f"measure {wanted} not named"]
        others = sorted(named - {wanted})
        return [f"names measures {others} besides {wanted}"] if others else []
    if name == "measures_all":
        missing = sorted(set(lang.measures) - named_measures(text, lang))
        return [f"measures_all: measures {missing} missing"] if missing else []
    if name == "tech_all":
        absent = sorted(t for t, p in lang.technologies.items() if not p.search(text))
        return [f"tech_all: {', '.join(absent)} missing"] if absent else []
    if name.startswith("tech:"):
        tech = name.split(":")[1]
        if not lang.technologies[tech].search(text):
            return [f"{name}: not named"]
        return [f"{name}: named only as not cited"] if lang.technology_denied.search(text) else []
    return _pattern_check(name, lang.checks[name], reply)


def expectation(e: Expectation, reply: FoldedReply, lang: LanguageVocabulary) -> list[str]:
    if e.pattern is None:
        return named_check(e.name, reply, lang)
    found = e.pattern.search(reply.full)
    if e.name == "contains" and not found:
        return [f"does not contain /{e.pattern.pattern}/"]
    if e.name == "absent" and found:
        return [f"says «{found.group(0)}» (should be absent)"]
    return []


def judge_turn(turn: Turn, reply: FoldedReply, applicant: Sequence[str], vocab: Vocabulary) -> list[str]:
    """Why `reply` to `turn` fails; `applicant` = every message sent so far, this one included."""
    if not reply.full.strip():
        return ["no reply"]
    langs = vocab.languages.values()
    spoken = reply_language(reply.full, langs)
    if not turn.judged:
        return [f"context turn answered in {spoken}, not {turn.lang}"] if spoken and spoken != turn.lang else []
    failures = [] if spoken == turn.lang else [f"reply in {spoken or 'no recognisable language'}, not {turn.lang}"]
    failures += invented(reply.full, [fold(a) for a in applicant], vocab.figures, langs)
    lang = vocab.language(turn.lang)
    for e in turn.expect or ():
        failures += expectation(e, reply, lang)
    return failures
