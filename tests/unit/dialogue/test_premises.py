"""What a question takes for granted, corrected (or confirmed) before the answer."""

import datetime as dt

import pytest

from bot.dialogue.claims import amounts, counts, dates
from bot.dialogue.premises import correction, is_yes_no
from bot.knowledge import load_knowledge

AFTER = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [("le budget est d'un million ?", "fr", 1e6), ("c'est 500.000 € au total ?", "fr", 5e5),
     ("is het 400k?", "nl", 4e5), ("1,5 miljoen euro?", "nl", 1.5e6)],
)  # fmt: skip
def test_amounts_are_read_as_written(text: str, lang: str, value: float) -> None:
    assert [a.value for a in amounts(text, lang)] == [value]


def test_counts_and_dates_are_read() -> None:
    assert [c.value for c in counts("les 10 mesures du plan", "fr", "measures")] == [10]
    assert [c.value for c in counts("de drie technologieën", "nl", "technologies")] == [3]
    assert counts("une mesure", "fr", "measures") == []  # an article, not a count
    assert [c.value for c in counts("et les technologies, il y en a cinq aussi ?", "fr", "technologies")] == [5]
    assert [c.value for c in counts("en de technologieën, zijn dat er vijf?", "nl", "technologies")] == [5]
    assert counts("il y en a cinq ?", "fr", "technologies") == []  # nothing counted named
    (claim,) = dates("la date limite est le 15 octobre ?", "fr")
    assert (claim.day, claim.month, claim.written) == (15, 10, "15 octobre")


@pytest.mark.parametrize(
    ("intent", "text", "lang", "start", "quoted"),
    [
        ("ask_budget", "le budget c'est un million, non ?", "fr", "Non : le budget total de l'appel est de 400.000 €",
         "un million"),
        ("ask_budget", "is het budget 500.000 euro?", "nl", "Nee: het totale budget van de oproep is € 400.000",
         "500.000 euro"),
        ("ask_deadline", "la date limite c'est le 15 octobre ?", "fr", "Non : la date limite n'était pas",
         "15 octobre"),
        ("ask_deadline", "is de deadline 1 oktober?", "nl", "Nee: de uiterste datum was niet", "1 oktober"),
        ("ask_measures", "quelles sont les 10 mesures ?", "fr", "Non : l'appel retient 5 mesures prioritaires", "10"),
        ("ask_technologies", "welke zijn de vier technologieën?", "nl", "Nee: de oproep legt de nadruk op 3", "vier"),
        ("ask_context_figures", "il y a 5000 entreprises TIC ?", "fr", "Non : le texte ne donne pas le chiffre",
         "5000"),
        ("ask_unanswered", "donc chaque projet reçoit 400.000 euros ?", "fr", "Non : 400.000 €, c'est l'enveloppe",
         "400.000"),
        ("ask_launcher", "deze oproep komt van de Vlaamse regering, niet?", "nl", "Nee: het Brussels", "Vlaamse"),
    ],
)  # fmt: skip
def test_a_wrong_figure_is_corrected_quoting_the_applicant(intent: str, text: str, lang: str, start: str,
                                                           quoted: str) -> None:  # fmt: skip
    said = correction(load_knowledge(lang), intent, text, AFTER)
    assert said is not None and said.startswith(start) and quoted in said


@pytest.mark.parametrize(
    ("intent", "text", "lang", "start"),
    [("ask_budget", "le budget est bien de 400.000 € ?", "fr", "Oui"),
     ("ask_deadline", "puis-je encore introduire un dossier ?", "fr", "Non."),
     ("ask_deadline", "is de deadline al voorbij?", "nl", "Ja."),
     ("ask_deadline", "kan ik nog indienen?", "nl", "Nee.")],
)  # fmt: skip
def test_a_yes_no_question_gets_its_yes_or_no_first(intent: str, text: str, lang: str, start: str) -> None:
    said = correction(load_knowledge(lang), intent, text, AFTER)
    assert said is not None and said.startswith(start)


def test_a_plain_question_takes_nothing_for_granted() -> None:
    assert correction(load_knowledge("fr"), "ask_deadline", "quelle est la date limite ?", AFTER) is None
    assert correction(load_knowledge("nl"), "ask_budget", "wat is het budget?", AFTER) is None
    assert not is_yes_no("quelle est la date limite ?", "fr")
    assert is_yes_no("est-ce que c'est encore ouvert ?", "fr") and is_yes_no("het is gesloten, toch?", "nl")


def test_a_year_in_a_figures_question_is_not_a_figure() -> None:
    assert correction(load_knowledge("fr"), "ask_context_figures", "combien d'emplois en 2016 ?", AFTER) is None


@pytest.mark.parametrize(
    ("intent", "text", "lang", "start"),
    [("ask_context_figures", "De digitale sector is goed voor 12% van het Brusselse bbp, toch?", "nl", "Nee"),
     ("ask_context_figures", "le numérique pèse 7,6 % du PIB bruxellois, c'est exact ?", "fr", "Oui"),
     ("ask_context_figures", "60 % des emplois sont directement dans les TIC ?", "fr", "Oui"),
     ("ask_technologies", "La cybersécurité fait-elle partie des technologies visées ?", "fr", "Non."),
     ("ask_technologies", "Hoort blockchain bij de technologieën van de oproep?", "nl", "Nee."),
     ("ask_launcher", "C'est bien Rudi Vervoort qui a lancé cet appel ?", "fr", "Non : c'est la Région")],
)  # fmt: skip
def test_a_figure_is_checked_against_its_own_topic_and_yes_no_gets_its_answer(
    intent: str, text: str, lang: str, start: str
) -> None:
    # 12 % is a share of the jobs, not of the GDP: confirming it would be inventing
    said = correction(load_knowledge(lang), intent, text, AFTER)
    assert said is not None and said.startswith(start), said
