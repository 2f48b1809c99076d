"""Where a message's parts are (bot/text/segments.py) and which of its tokens each holds.

The intent classifier writes each part, with its own intent, under the parse data key
`parts` (bot/rasa_io/parse_data.py reads it on the action server's side).
"""

from __future__ import annotations

from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge import load_knowledge
from bot.rasa_io.parse_data import PARTS as PART
from bot.rasa_plugins.lemma_tokenizer import language_of
from bot.text.segments import Span, clause_spans


def part_rows(message: Message) -> list[tuple[Span, list[int]]]:
    """Each clause of the message with the indices of its tokens."""
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    text = str(message.get(TEXT) or "")
    sections = load_knowledge(language_of(message)).vocabulary.get("clause_breaks") or {}
    breaks = [word for words in sections.values() for word in words]
    spans = clause_spans(text, [(t.start, t.end) for t in tokens], breaks)
    return [(span, [i for i, t in enumerate(tokens) if span.start <= t.start < span.end]) for span in spans]


__all__ = ["PART", "part_rows"]
