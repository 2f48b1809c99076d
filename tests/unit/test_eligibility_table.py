"""Every kind of applicant and every condition the text does not state, in both languages
and several registers (tests/unit/eligibility_table.yml): the verdict is the text's.

Each question is tried under every intent the NLU plausibly gives it, since the answer
must not depend on which one it chose.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.answers import Question, answer
from bot.answers.applicants import who_sentence
from bot.answers.reply import HANDOFF
from bot.intents import FALLBACK
from bot.knowledge import load_knowledge
from bot.language import SUPPORTED

TABLE: dict[str, Any] = yaml.safe_load(Path(__file__).with_name("eligibility_table.yml").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 12, 1)
PHRASINGS = 4  # per kind or condition and language
KIND_INTENTS = ("check_eligibility", "ask_submission", "out_of_scope")
CONDITION_INTENTS = ("check_eligibility", "ask_unanswered", "ask_submission", "out_of_scope", FALLBACK)


def cases(section: str) -> list[tuple[str, str, str]]:
    return [
        (key, lang, text) for key, by_lang in TABLE[section].items() for lang in SUPPORTED for text in by_lang[lang]
    ]


def test_the_table_covers_every_kind_and_condition_in_every_language() -> None:
    for lang in SUPPORTED:
        k = load_knowledge(lang)
        kinds = set(k.vocabulary["applicant_types"])
        conditions = set(k.facts["unstated_conditions"])
        assert set(TABLE["kinds"]) == kinds, lang
        assert set(TABLE["conditions"]) == conditions, lang
        for section in ("kinds", "conditions"):
            for key, by_lang in TABLE[section].items():
                assert len(set(by_lang[lang])) >= PHRASINGS, (section, key, lang)


@pytest.mark.parametrize(("kind", "lang", "text"), cases("kinds"))
def test_a_kind_of_applicant_gets_the_texts_verdict_for_it(kind: str, lang: str, text: str) -> None:
    k = load_knowledge(lang)
    status = k.facts["applicant_types"][kind]
    expected = who_sentence(k, (kind, status), said=text)
    for intent in KIND_INTENTS:
        reply = answer(Question(intent, text, lang, TODAY))
        assert expected in reply.text, (intent, reply.text)
        if status == "undecided":  # staff decide, so staff are offered
            assert reply.offer == HANDOFF, intent


@pytest.mark.parametrize(("condition", "lang", "text"), cases("conditions"))
def test_a_condition_the_text_does_not_state_is_said_unstated_never_yes(condition: str, lang: str, text: str) -> None:
    k = load_knowledge(lang)
    label = str(k.wording["unanswered_topics"][condition])
    yes = str(k.wording["buttons"]["yes"]).casefold()
    for intent in CONDITION_INTENTS:
        reply = answer(Question(intent, text, lang, TODAY))
        assert label in reply.text, (intent, reply.text)
        assert not reply.text.casefold().startswith(yes), (intent, reply.text)
        assert reply.offer == HANDOFF, intent
