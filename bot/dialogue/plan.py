"""Which questions a message asks, in order, and which of its words ask each.

- A follow-up ("et pour une SRL ?", "en de deadline?", "le PIB ?", "waarom?") or a
  correction ("non, je parlais du budget") is read against the conversation's last topic.
- Several questions ("budget et date limite ?", "Budget? Deadline?") are each answered.
- In a long message the questions are its question sentences; the rest is context.
- Otherwise the message is one question: the intent the NLU gave the whole message.
The NLU gives each clause of the message its own intent (bot/rasa_io/parse_data.Part).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.dialogue.claims import dates
from bot.dialogue.cues import found, opening
from bot.dialogue.memory import Memory
from bot.eligibility.interpret import speaks_about_self
from bot.intents import intents
from bot.rasa_io.parse_data import Part
from bot.text.normalize import words

CONFIDENT = 0.6
SHORT = 4  # words: a message this short with no question of its own may be a follow-up
LONG = 12  # words: from this length, a message of several sentences may be context + question
ELABORATE = "elaborate"  # "why?" / "waarom?": more about the last answer (not an NLU intent)
_DIGIT = re.compile(r"\b([1-9])\b")


@dataclass(frozen=True)
class Message:
    """The applicant's message as the NLU read it."""

    text: str
    lang: str
    intent: str
    confidence: float
    parts: Sequence[Part] = ()


@dataclass(frozen=True)
class Asked:
    """One question of the message: its intent and the words that ask it."""

    intent: str
    text: str
    follow_up: bool = False  # read against the last topic
    focus: int | None = None  # a measure named by its number only ("et la 3 ?")


def plan(message: Message, memory: Memory) -> list[Asked]:
    """The questions `message` asks, in the order asked (at least one)."""
    message = measure_questions_relabelled(without_preambles(message))
    return (
        several_questions(message)
        or follow_up(message, memory)
        or question_of_long_message(message)
        or question_after_pleasantries(message)
        or [Asked(message.intent, message.text)]
    )


def without_preambles(message: Message) -> Message:
    """The message without parts that only announce questions ("twee vragen:")."""
    kept = [p for p in message.parts if not (len(words(p.text)) <= SHORT and found(message.lang, "preambles", p.text))]
    return replace(message, parts=kept) if len(kept) != len(message.parts) else message


def measure_questions_relabelled(message: Message) -> Message:
    """ "Est-ce que ce genre de projet colle avec une des mesures ?" asks which measure fits,
    though its words are those of submitting a project."""

    def relabel(part: Part) -> Part:
        asks_measure = found(message.lang, "measure_question", part.text) and not found(
            message.lang, "how_asks", part.text
        )
        return replace(part, intent="recommend_measure") if part.intent == "ask_submission" and asks_measure else part

    parts = [relabel(p) for p in message.parts]
    return replace(message, parts=parts) if parts != message.parts else message


def _is_question(intent: str) -> bool:
    return intent in intents().questions


def follow_up(message: Message, memory: Memory) -> list[Asked]:
    """The question a follow-up or a correction asks, or [] when the message stands alone
    (a request for a person always does: "je voudrais parler à…" is not "je voulais parler de…")."""
    text, lang = message.text, message.lang
    if message.intent in intents().requests and message.confidence >= CONFIDENT:
        return []
    why = opening(lang, "elaborate", text)
    if why and memory.topic and len(words(why[1])) <= 1:
        return [Asked(ELABORATE, text, follow_up=True)]
    if memory.topic in _MEASURE_TOPICS and _number_named(text, lang) and not _confident_other(message):
        return [Asked("ask_measures", text, follow_up=True, focus=_measure_number(text, lang, "ask_measures"))]
    other_question = _confident_question(message) and message.intent != "ask_deadline"
    if memory.topic == "ask_deadline" and dates(text, lang) and not other_question:
        return [Asked("ask_deadline", text, follow_up=True)]  # "dus in oktober kon het niet meer?"
    opener = opening(lang, "correction", text) or opening(lang, "follow_up", text)
    if opener:
        rest = opener[1]
    elif memory.topic and len(words(text)) <= SHORT and not _confident(message):
        rest = text  # "le PIB ?", "emplois ?" right after the figures
    else:
        return []
    if not words(rest):
        return []
    if memory.topic and opening(lang, "elaborate", rest):  # "et pourquoi il le lance ?"
        return [Asked(ELABORATE, text, follow_up=True)]
    standalone = _confident_question(message) and len(words(rest)) > SHORT
    intent = None if standalone else topic_of(rest, lang, memory.topic)
    if intent:
        return [Asked(intent, rest, follow_up=True, focus=_measure_number(rest, lang, intent))]
    if _confident_question(message):
        return [Asked(message.intent, rest)]
    part = _last_confident_part(message)
    if part:
        return [Asked(part.intent, rest)]
    if memory.topic and len(words(rest)) <= SHORT:  # "lesquelles ?", "welke dan?": the last topic again
        return [Asked(memory.topic, rest, follow_up=True)]
    return []


def _confident_question(message: Message) -> bool:
    return _is_question(message.intent) and message.confidence >= CONFIDENT


_MEASURE_TOPICS = {"ask_measures", "recommend_measure"}


def _confident_other(message: Message) -> bool:
    """Confidently a question about something else than the measures ("la 3e date ?" is not)."""
    return _confident(message) and message.intent not in {*_MEASURE_TOPICS, "ask_unanswered"}


def _confident(message: Message) -> bool:
    """Confidently a question, or confidently a move of the conversation ("merci", "oui"):
    either way not a follow-up to read against the last topic."""
    known = intents().questions | intents().moves
    return message.confidence >= CONFIDENT and message.intent in known


def _last_confident_part(message: Message) -> Part | None:
    found_parts = [p for p in message.parts if _is_question(p.intent) and p.confidence >= CONFIDENT]
    return found_parts[-1] if found_parts else None


# A follow-up naming one of these specialises the last topic; the entity section that
# says so, per topic.
_SPECIALISES = {
    "check_eligibility": "applicant_types",
    "ask_context_figures": "figure_topics",
    "ask_technologies": "technologies",
    "ask_measures": "measure_names",
    "recommend_measure": "measure_names",
}
# Otherwise, what the words name, most telling first.
_NAMES = (
    ("unanswered_topics", "ask_unanswered"),
    ("applicant_types", "check_eligibility"),
    ("technologies", "ask_technologies"),
    ("measure_names", "ask_measures"),
    ("figure_topics", "ask_context_figures"),
)


def topic_of(text: str, lang: str, last: str | None) -> str | None:
    """The intent a short follow-up asks about, from the words it names."""
    if last in _SPECIALISES and (found(lang, _SPECIALISES[last], text) or _measures_by_number(text, lang, last)):
        return "ask_measures" if last == "recommend_measure" else last
    for section, intent in _NAMES:
        if found(lang, section, text):
            return intent
    named = found(lang, "topics", text)
    return named[0] if named else None


def _measures_by_number(text: str, lang: str, last: str) -> bool:
    return last in _MEASURE_TOPICS and _number_named(text, lang) is not None


def _number_named(text: str, lang: str) -> int | None:
    """A rank written as a digit ("la 3") or an ordinal ("de derde")."""
    match = _DIGIT.search(text)
    if match:
        return int(match.group(1))
    ordinal = found(lang, "ordinals", text)
    return int(ordinal[0]) if ordinal else None


def _measure_number(text: str, lang: str, intent: str) -> int | None:
    number = _number_named(text, lang) if intent == "ask_measures" else None
    return number if number is not None and 1 <= number <= 5 else None


def several_questions(message: Message) -> list[Asked]:
    """Each question of a message that asks several, or [] when it asks one."""
    table = intents()
    marked = any(p.question for p in message.parts)
    parts = [p for p in _question_parts(message) if p.confidence >= CONFIDENT and _is_question(p.intent)]
    # A description before a question about it ("notre asbl forme des jeunes : éligibles ?")
    # is part of that question, not one of its own; so is a description without "?".
    parts = [p for p in parts if not _describes(p, parts, marked, message.lang)]
    asked: list[Asked] = []
    for part in parts:
        if any(a.intent == part.intent for a in asked):
            continue
        text = message.text if part.intent in table.about_the_project else part.text
        asked.append(Asked(part.intent, text))
    # "quelle mesure ?" beside a described project is the same question as the project's.
    if any(a.intent == "recommend_measure" for a in asked):
        asked = [a for a in asked if a.intent != "ask_measures"]
    return asked if len(asked) >= 2 else []


def _describes(part: Part, parts: list[Part], marked: bool, lang: str) -> bool:
    """A clause that describes the applicant or their project rather than asks."""
    if part.intent not in intents().describes:
        return False
    if marked:
        return _beside_project_question(part, parts)
    return speaks_about_self(part.text, lang)  # "wij zijn een vzw" but not "wie mag meedoen"


def _beside_project_question(part: Part, parts: list[Part]) -> bool:
    """A later part of the same sentence asks about the applicant's project."""
    return any(
        other.start > part.start and other.sentence == part.sentence and other.intent in intents().about_the_project
        for other in parts
    )


def _question_parts(message: Message) -> list[Part]:
    """The parts in question sentences (those of the last sentence when none ends with "?")."""
    questioned = {p.sentence for p in message.parts if p.question}
    if not questioned and message.parts:
        questioned = {max(p.sentence for p in message.parts)}
    return [p for p in message.parts if p.sentence in questioned]


def question_of_long_message(message: Message) -> list[Asked]:
    """In a message of several sentences, the question it ends with; the rest is context
    (a project described there is part of a question about that project)."""
    sentences = sorted({p.sentence for p in message.parts})
    if len(sentences) < 2 or len(words(message.text)) < LONG:
        return []  # "il faut envoyer le dossier où ? par mail ?" is one question
    questioned = [s for s in sentences if any(p.question for p in message.parts if p.sentence == s)]
    if not questioned and _asks_about_the_project(message, sentences[-1]):
        return [Asked(message.intent, message.text)]  # a project described, "…dans quelle mesure ça entre."
    return _question_in(message, questioned[-1:] or sentences)


def _asks_about_the_project(message: Message, sentence: int) -> bool:
    """The message is about the project, and so is the best part of `sentence` (not "nous
    aimerions savoir jusqu'à quelle date…")."""
    table = intents()
    if not (_confident_question(message) and message.intent in table.about_the_project):
        return False
    parts = [p for p in message.parts if p.sentence == sentence and p.confidence >= CONFIDENT]
    best = max(parts, key=lambda p: p.confidence, default=None)
    return best is not None and best.intent in table.about_the_project


def question_after_pleasantries(message: Message) -> list[Asked]:
    """ "Merci. Et c'est encore ouvert ?", "Hallo, wat is het budget?": the question after
    a greeting or a thank-you, when the message as a whole reads as the pleasantry."""
    if _confident_question(message) or len(message.parts) < 2:
        return []
    questioned = sorted({p.sentence for p in message.parts if p.question})
    asked = _question_in(message, questioned or sorted({p.sentence for p in message.parts}))
    if asked or not questioned or message.intent not in intents().pleasantries:
        return asked
    # The NLU is unsure of the question itself: the words it names tell its topic.
    last = [p for p in message.parts if p.sentence == questioned[-1]]
    text = message.text[last[0].start : last[-1].end]
    intent = topic_of(text, message.lang, None)
    return [Asked(intent, text)] if intent else []


def _question_in(message: Message, sentences: list[int]) -> list[Asked]:
    """The best question among the parts of `sentences` (the message's intent when it is
    the one asked there)."""
    parts = [p for p in message.parts if p.sentence in sentences]
    candidates = [p for p in parts if _is_question(p.intent) and p.confidence >= CONFIDENT]
    best = max(candidates, key=lambda p: p.confidence, default=None)
    table = intents()
    if best is None:
        intent = message.intent if _confident_question(message) else None
    elif best.intent == "ask_measures" and message.intent in table.describes:
        intent = message.intent  # "quelle mesure ?" after the description: which measure fits it
    else:
        intent = best.intent
    if intent is None:
        return []
    chosen = [p for p in parts if p.sentence == best.sentence] if best else parts
    text = message.text[chosen[0].start : chosen[-1].end]
    return [Asked(intent, message.text if intent in table.about_the_project else text)]
