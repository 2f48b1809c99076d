"""Small talk and conversation management: greetings, menu, fallback, bad input."""

from __future__ import annotations

from bot.answers.reply import Button, Question, Reply
from bot.knowledge import Knowledge, load_knowledge
from bot.language import SUPPORTED
from bot.limits import max_message_chars


def menu(k: Knowledge) -> list[Button]:
    """The topics offered as quick replies (payloads trigger the intent directly)."""
    return [Button(item["title"], f"/{item['intent']}") for item in k.wording["menu"]]


def with_menu(key: str):  # type: ignore[no-untyped-def]
    def build(k: Knowledge, q: Question) -> Reply:
        return Reply(k.answer(key), menu(k))

    return build


def plain(key: str):  # type: ignore[no-untyped-def]
    def build(k: Knowledge, q: Question) -> Reply:
        return Reply(k.answer(key))

    return build


def foreign_language(k: Knowledge, q: Question) -> Reply:
    """Said in both languages, whatever the conversation's language."""
    return Reply("\n".join(load_knowledge(lang).answer("foreign_language") for lang in SUPPORTED))


def too_long(k: Knowledge, q: Question) -> Reply:
    return Reply(k.answer("too_long", length=k.fmt.number(len(q.text)), limit=k.fmt.number(max_message_chars())))


ANSWERS = {
    "greet": with_menu("greet"),
    "ask_capabilities": with_menu("capabilities"),
    "out_of_scope": with_menu("out_of_scope"),
    "nlu_fallback": with_menu("fallback"),
    "goodbye": plain("goodbye"),
    "affirm": with_menu("acknowledge"),
    "deny": with_menu("acknowledge"),
    "stop": with_menu("acknowledge"),
    "thank": plain("thank"),
    "bot_challenge": plain("bot_challenge"),
    "request_human": plain("request_human"),
    "unreadable_input": plain("unreadable"),
    "input_too_long": too_long,
    "foreign_language": foreign_language,
}
