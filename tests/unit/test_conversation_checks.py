"""The conversation test set's checks (scripts/conversation_eval): each can pass and fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.language import SUPPORTED
from bot.rasa_io.rest import BotMessage, parse_replies, shown_text
from bot.text.normalize import fold
from scripts.conversation_eval.cases import Expectation, Turn, check_names
from scripts.conversation_eval.checks import FoldedReply, judge_turn, named_check
from scripts.conversation_eval.figures import invented
from scripts.conversation_eval.language import reply_language
from scripts.conversation_eval.vocabulary import vocabulary

EXAMPLES = yaml.safe_load((Path(__file__).parents[1] / "data" / "conversation_checks.yml").read_text("utf-8"))
VOCAB = vocabulary()
LANGS = tuple(VOCAB.languages.values())


def reply(raw: Any) -> FoldedReply:
    if isinstance(raw, str):
        return FoldedReply.plain(raw)
    return FoldedReply.of([BotMessage(raw["text"], tuple(raw.get("buttons", ())))])


CASES = [(lang, name) for lang in SUPPORTED for name in sorted(check_names(VOCAB, lang))]


def test_every_language_has_a_vocabulary_and_every_check_an_example() -> None:
    assert set(VOCAB.languages) == set(SUPPORTED)
    missing = [(lang, name) for lang, name in CASES if name not in EXAMPLES.get(lang, {})]
    assert not missing


@pytest.mark.parametrize(("lang", "name"), CASES)
def test_named_check_passes_and_fails(lang: str, name: str) -> None:
    example = EXAMPLES[lang][name]
    assert named_check(name, reply(example["pass"]), VOCAB.language(lang)) == []
    assert named_check(name, reply(example["fail"]), VOCAB.language(lang)) != []


def test_measure_check_names_that_measure_and_no_other() -> None:
    fr = VOCAB.language("fr")
    assert named_check("measure:4", reply("La mesure 4 prépare aux salons tech."), fr) == []
    assert named_check("measure:4", reply("Mesure 4 : salons. Mesure 5 : formations courtes."), fr) == [
        "names measures [5] besides 4"
    ]


def test_button_titles_count_for_contains_but_not_for_text_only_checks() -> None:
    shown = reply({"text": "Je n'ai pas compris.", "buttons": ["Qui peut participer ?", "Budget"]})
    fr = VOCAB.language("fr")
    assert "qui peut participer" in shown.full
    assert named_check("who_yes", shown, fr) != []
    assert named_check("asks_question", shown, fr) != []


def figures(reply_text: str, *applicant: str) -> list[str]:
    return invented(fold(reply_text), [fold(a) for a in applicant], VOCAB.figures, LANGS)


def test_figures_the_call_gives_are_not_invented() -> None:
    assert figures("Le budget total est de 400.000 €, clôturé le 1er septembre 2016.") == []
    assert figures("7,6 % du PIB, soit 5,1 milliards €, contre 1,23 milliard € en Wallonie (1,4 % du PIB).") == []
    assert figures("7,6% van het bbp, of € 5,1 miljard, tegenover € 1,23 miljard (1,4%); 60%, 28% en 12%.") == []
    assert figures("2.000 entreprises, 31.578 emplois, 76 %, moins de 10 employés, 20 mesures.") == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Le montant maximum est de 50.000 € par projet.", "invented amount 50,000 EUR"),
        ("Un cofinancement de 20 % est demandé.", "invented percentage 20 %"),
        ("Les résultats seront annoncés le 15 décembre.", "invented date 15/12"),
        ("De deadline is 1 september 2017.", "invented date 1/9/2017"),
        ("Het maximum is € 100.000 per project.", "invented amount 100,000 EUR"),
        ("Tot 2 miljoen euro per project.", "invented amount 2,000,000 EUR"),
        ("Indienen voor 30/06.", "invented date 30/6"),
    ],
)
def test_a_figure_the_call_does_not_give_is_invented(text: str, why: str) -> None:
    assert figures(text) == [why]


def test_a_figure_the_applicant_wrote_may_be_quoted() -> None:
    assert figures("Non : pas un million, le budget est de 400.000 €.", "le budget c'est 1 million ?") == []
    assert figures("Niet 30 juni: de uiterste datum was 1 september 2016.", "de deadline is 30 juni?") == []
    assert figures("Pas 20 %.", "il faut 20% de cofinancement ?") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Cet appel à projets est clôturé : il n'est plus possible d'introduire un projet.", "fr"),
        ("Deze projectoproep is afgesloten: u kunt er geen project meer voor indienen.", "nl"),
        ("De technologische industrie telt 31.578 jobs in Brussel: 60% in de ICT-sector.", "nl"),
        ("Budget", None),
        ("Bonjour, le budget. Dag, het budget.", None),
    ],
)
def test_reply_language(text: str, lang: str | None) -> None:
    assert reply_language(fold(text), LANGS) == lang


def judged(lang: str, *expect: str) -> Turn:
    return Turn(say="?", lang=lang, expect=tuple(Expectation(e) for e in expect))


def test_a_judged_turn_fails_in_the_wrong_language_or_empty() -> None:
    french = reply("Le budget total de l'appel est de 400.000 €.")
    assert judge_turn(judged("fr", "budget"), french, ["budget ?"], VOCAB) == []
    assert judge_turn(judged("nl", "budget"), french, ["budget?"], VOCAB) == ["reply in fr, not nl"]
    assert judge_turn(judged("fr"), FoldedReply.of([]), ["budget ?"], VOCAB) == ["no reply"]


def test_a_context_turn_fails_only_when_empty_or_in_another_language() -> None:
    context = Turn(say="bonjour", lang="fr", expect=None)
    assert judge_turn(context, reply("Bonjour ! Posez votre question."), ["bonjour"], VOCAB) == []
    assert judge_turn(context, reply("Budget"), ["bonjour"], VOCAB) == []
    assert judge_turn(context, reply("Dag! Stel uw vraag over de oproep."), ["bonjour"], VOCAB) != []


def test_rest_replies_are_read_with_their_buttons() -> None:
    messages = parse_replies(
        [{"recipient_id": "x", "text": "Budget ?", "buttons": [{"title": "Oui", "payload": "/y"}]}, 3]
    )
    assert messages == [BotMessage("Budget ?", ("Oui",))]
    assert shown_text(messages) == "Budget ?\nOui"
