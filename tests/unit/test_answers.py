"""Answers built from the knowledge base, with the clock injected."""

import datetime as dt

import pytest

from bot.answers import ANSWERS, Question, answer

BEFORE = dt.date(2016, 6, 1)
AFTER = dt.date(2026, 11, 27)


def reply(intent: str, text: str = "", lang: str = "fr", today: dt.date = BEFORE) -> str:
    return answer(Question(intent, text, lang, today)).text


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_deadline_counts_the_days_left(lang: str) -> None:
    text = reply("ask_deadline", lang=lang, today=dt.date(2016, 8, 22))
    assert "10" in text and "2016" in text


def test_the_last_day_and_after_the_deadline() -> None:
    assert "aujourd'hui" in reply("ask_deadline", today=dt.date(2016, 9, 1))
    closed = reply("ask_deadline", today=AFTER)
    assert "clôturé" in closed and "1er septembre 2016" in closed
    assert "afgesloten" in reply("ask_deadline", lang="nl", today=AFTER)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Une asbl peut-elle participer ?", "Oui, les asbl"),
        ("fr", "Est-ce ouvert aux startups ?", "Oui, les startups"),
        ("fr", "et les communes ?", "ne tranche pas"),
        ("fr", "une asbl basée en Wallonie peut participer ?", "ne tranche pas"),
        ("nl", "Mogen zelfstandigen deelnemen?", "Ja, zelfstandigen"),
        ("nl", "kan een kmo meedoen?", "Ja, kmo's"),
        ("nl", "mag een universiteit indienen?", "beslist de tekst niet"),
    ],
)
def test_yes_no_questions_about_applicants_follow_the_text(lang: str, text: str, expected: str) -> None:
    assert expected in reply("check_eligibility", text, lang)


def test_who_can_apply_without_a_kind_lists_the_text() -> None:
    text = reply("check_eligibility", "Qui peut participer ?")
    assert all(word in text for word in ("entreprises", "indépendants", "asbl", "Bruxelles"))


def test_a_technology_the_text_does_not_name_is_not_claimed() -> None:
    text = reply("ask_technologies", "Est-ce que l'intelligence artificielle est couverte ?")
    assert text.startswith("Le texte ne cite pas l'intelligence artificielle")
    assert reply("ask_technologies", "is IoT ook ok?", "nl").startswith("Ja, het internet der dingen")


def test_one_measure_is_explained_when_named_and_five_are_listed_otherwise() -> None:
    assert reply("ask_measures", "c'est quoi la mesure 4 ?").startswith("Mesure 4 : Préparation aux salons")
    listed = reply("ask_measures", "welke maatregelen zijn er?", "nl")
    assert all(f"{n}. " in listed for n in range(1, 6))


def test_figures_answer_what_was_asked() -> None:
    assert "31.578" in reply("ask_context_figures", "combien d'emplois ?")
    assert "31.578" not in reply("ask_context_figures", "et la wallonie ?")
    everything = reply("ask_context_figures", "des chiffres ?")
    assert all(f in everything for f in ("2.000", "76 %", "7,6 %", "31.578"))


def test_unanswered_questions_name_what_the_text_does_not_say() -> None:
    text = reply("ask_unanswered", "Quel est le montant maximum par projet ?")
    assert "ne précise pas le montant maximum" in text and "équipe" in text
    assert "team" in reply("ask_unanswered", "hoe zit het met de btw?", "nl")


def test_foreign_language_reply_is_in_both_languages() -> None:
    text = reply("foreign_language", "hello")
    assert "français et en néerlandais" in text and "Nederlands en in het Frans" in text


def test_an_unknown_intent_falls_back_to_the_menu() -> None:
    result = answer(Question("no_such_intent", "?", "nl", BEFORE))
    assert "niet goed begrepen" in result.text and result.buttons


@pytest.mark.parametrize("intent", sorted(ANSWERS))
@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_intent_has_an_answer_in_both_languages(intent: str, lang: str) -> None:
    assert reply(intent, "x", lang).strip()


@pytest.mark.parametrize(
    ("intent", "text", "lang", "expected"),
    [
        ("ask_budget", "Quel est le taux de cofinancement demandé ?", "fr", "ne précise pas si un cofinancement"),
        ("check_eligibility", "Mag een vzw twee projecten indienen?", "nl", "zegt niets"),
        ("ask_deadline", "Wanneer wordt de subsidie uitbetaald, in schijven?", "nl", "zegt niets"),
    ],
)
def test_a_question_about_a_gap_of_the_text_never_gets_a_fact(intent: str, text: str, lang: str, expected: str) -> None:
    reply = answer(Question(intent, text, lang, dt.date(2016, 6, 1)))
    assert expected in reply.text
    assert reply.offer == "handoff_form"
