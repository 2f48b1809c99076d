"""Messages as the NLU would parse them, built in the test: each part named with its intent."""

from __future__ import annotations

from bot.dialogue.plan import Message
from bot.rasa_io.parse_data import Part
from bot.text.segments import sentence_spans


def parsed(text: str, lang: str, intent: str, confidence: float = 0.95, parts: list[tuple[str, str]] | None = None,
           part_confidence: float = 0.95) -> Message:  # fmt: skip
    """`parts` are (words of the message, intent); the whole message is one part by default."""
    sentences = sentence_spans(text)
    found = []
    for words, part_intent in parts or [(text, intent)]:
        start = text.index(words)
        number = next(i for i, (s, e, _) in enumerate(sentences) if s <= start < e)
        question = sentences[number][2]
        found.append(Part(words, start, start + len(words), number, question, part_intent, part_confidence))
    return Message(text, lang, intent, confidence, found)
