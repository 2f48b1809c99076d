"""Applicants' questions through Rasa's REST channel, real Rasa server and action server."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Assistant


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Quel est le budget total de l'appel ?", "400.000 €"),
        ("Wat is het totale budget van de oproep?", "€ 400.000"),
        ("Jusqu'à quand peut-on rentrer un projet ?", "1er septembre 2016"),
        ("Tot wanneer kunnen we indienen?", "1 september 2016"),
        ("Les indépendants peuvent-ils participer ?", "Oui, les indépendants"),
        ("Mogen zelfstandigen deelnemen?", "Ja, zelfstandigen"),
        ("Quelles sont les technologies visées ?", "Internet des objets"),
        ("Wie heeft de oproep gelanceerd?", "Gosuin"),
    ],
)
def test_answers_facts_in_the_language_of_the_question(
    assistant: Assistant, sender: str, question: str, expected: str
) -> None:
    assert expected in assistant.text(sender, question)


def test_the_call_is_closed_after_the_deadline(assistant: Assistant, sender: str) -> None:
    text = assistant.text(sender, "Est-ce que l'appel est toujours ouvert ?")
    assert "clôturé" in text and "1er septembre 2016" in text


def test_switching_language_mid_conversation_switches_the_replies(assistant: Assistant, sender: str) -> None:
    assert "Bonjour" in assistant.text(sender, "Bonjour !")
    assert "€ 400.000" in assistant.text(sender, "Hoeveel budget is er in totaal?")
    assert assistant.text(sender, "budget ?").startswith("De projectoproep")  # ambiguous: stays Dutch
    assert "400.000 €" in assistant.text(sender, "et en français, le budget ?")


def test_the_page_language_sets_the_starting_language(assistant: Assistant, sender: str) -> None:
    assert assistant.text(sender, "ok", metadata={"language": "nl"}).startswith("Oké")


def test_a_question_the_call_does_not_answer_is_not_invented(assistant: Assistant, sender: str) -> None:
    text = assistant.text(sender, "Quel est le montant maximum qu'un projet peut recevoir ?")
    assert "ne précise pas" in text and "équipe" in text


def test_another_language_gets_a_reply_in_french_and_dutch(assistant: Assistant, sender: str) -> None:
    text = assistant.text(sender, "Hello, what is the deadline for this call please?")
    assert "français et en néerlandais" in text and "Nederlands en in het Frans" in text


def test_greeting_offers_a_menu_of_buttons(assistant: Assistant, sender: str) -> None:
    replies = assistant.say(sender, "Hoi")
    assert replies[0]["text"].startswith("Dag!")
    assert {b["payload"] for b in replies[0]["buttons"]} >= {"/ask_budget", "/ask_deadline"}
    assert "€ 400.000" in assistant.text(sender, "/ask_budget")  # a button keeps the language


@pytest.mark.parametrize(
    ("bad_input", "expected"),
    [
        ("", "texte lisible"),
        ("😀😀😀", "texte lisible"),
        ("\x00\x01\x02\ufffd", "texte lisible"),
        ("budget " * 1500, "trop long"),
        ("<script>alert('x')</script> quel est le budget ?", "400.000 €"),
    ],
)
def test_bad_input_gets_a_clear_reply(assistant: Assistant, sender: str, bad_input: str, expected: str) -> None:
    assistant.text(sender, "Bonjour")
    text = assistant.text(sender, bad_input)
    assert expected in text
    assert "<script>" not in text
