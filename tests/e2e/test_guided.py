"""The guided eligibility check and the hand-off to staff, through the real Rasa server
and action server (REST channel), in French and in Dutch."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from bot.tickets.models import Ticket
from tests.e2e.conftest import Assistant


def tickets_of(assistant: Assistant, sender: str) -> list[Ticket]:
    engine = create_engine(assistant.database_url)
    with Session(engine) as session:
        found = list(session.scalars(select(Ticket).where(Ticket.conversation_id == sender)))
    engine.dispose()
    return found


@pytest.mark.parametrize(
    "steps",
    [
        pytest.param([  # offered, then accepted
            ("Est-ce que je suis éligible ?", ["Voulez-vous que je vérifie"]),
            ("oui", ["Quel type de candidat"]),
            ("une asbl", ["économie numérique"]),
            ("oui", ["Décrivez votre projet"]),
            ("des ateliers pour faire découvrir aux jeunes les métiers de la réalité virtuelle",
             ["entre dans l'appel", "mesure 2", "la Région qui sélectionne", "1er septembre 2016"]),
        ], id="fr"),
        pytest.param([  # asked for: it starts at once
            ("Kunt u nagaan of ik in aanmerking kom?", ["Wat voor kandidaat"]),
            ("zelfstandige", ["digitale economie"]),
            ("ja", ["Beschrijf uw project"]),
            ("een verkoopopleiding voor ict-ondernemers die hun software beter willen verkopen",
             ["past uw kandidatuur in de oproep", "maatregel 3", "het Gewest selecteert"]),
        ], id="nl"),
    ],
)  # fmt: skip
def test_a_complete_check(assistant: Assistant, sender: str, steps: list[tuple[str, list[str]]]) -> None:
    for message, expected in steps:
        reply = assistant.text(sender, message)
        assert all(part in reply for part in expected), (message, reply)


@pytest.mark.parametrize(
    ("message", "answer", "yes", "expected"),
    [
        ("Notre asbl bruxelloise veut initier les jeunes aux métiers de la réalité virtuelle : éligibles ?",
         "Oui, les asbl", "oui", "entre dans l'appel"),
        ("Wij zijn een Brusselse vzw die jongeren wil laten kennismaken met beroepen in virtual reality. "
         "Komen we in aanmerking?", "Ja, vzw's", "ja", "past uw kandidatuur in de oproep"),
    ],
)  # fmt: skip
def test_what_the_first_message_said_is_not_asked_again(
    assistant: Assistant, sender: str, message: str, answer: str, yes: str, expected: str
) -> None:
    first = assistant.text(sender, message)
    assert first.startswith(answer), first  # their kind, at once, and the check offered
    verdict = assistant.text(sender, yes)  # the check, accepted: nothing left to ask
    assert expected in verdict and "2" in verdict, verdict  # the measure of the project they described


@pytest.mark.parametrize(
    ("start", "interruption", "answer_of_interruption", "pending", "answer", "next_question"),
    [
        ("Mon entreprise peut-elle participer ?", "au fait, quelle est la date limite ?", "1er septembre 2016",
         "économie numérique", "oui", "Décrivez votre projet"),
        ("Kan mijn bedrijf deelnemen?", "trouwens, wat is het totale budget?", "€ 400.000",
         "digitale economie", "ja", "Beschrijf uw project"),
    ],
)  # fmt: skip
def test_a_question_in_the_middle_is_answered_then_the_check_resumes(
    assistant: Assistant, sender: str, start: str, interruption: str, answer_of_interruption: str, pending: str,
    answer: str, next_question: str,
) -> None:  # fmt: skip
    assistant.text(sender, start)
    assert pending in assistant.text(sender, answer)  # the check accepted; their company is known already
    reply = assistant.text(sender, interruption)
    assert answer_of_interruption in reply
    assert pending in reply  # the pending question is asked again
    assert next_question in assistant.text(sender, answer)


@pytest.mark.parametrize(
    ("start", "first_question", "cancel", "cancelled", "after", "fact"),
    [
        ("kunt u controleren of mijn organisatie in aanmerking komt?", "Wat voor kandidaat", "laat maar",
         "ik stop met de controle", "wat is het budget?", "€ 400.000"),
        ("pouvez-vous vérifier si je suis éligible ?", "Quel type de candidat", "stop", "j'arrête la vérification",
         "et le budget ?", "400.000 €"),
    ],
)  # fmt: skip
def test_stop_cancels_the_check(
    assistant: Assistant, sender: str, start: str, first_question: str, cancel: str, cancelled: str, after: str,
    fact: str,
) -> None:  # fmt: skip
    assert first_question in assistant.text(sender, start)
    assert cancelled in assistant.text(sender, cancel)
    assert fact in assistant.text(sender, after)


@pytest.mark.parametrize(
    ("start", "unusable", "reask", "question", "usable", "next_question"),
    [
        ("vérifions si je suis éligible", "bof", "pas reconnu le type de candidat", "Quel type de candidat",
         "indépendant", "économie numérique"),
        ("laten we nagaan of ik in aanmerking kom", "tja", "herken dit type kandidaat niet", "Wat voor kandidaat",
         "zelfstandige", "digitale economie"),
    ],
)  # fmt: skip
def test_an_unusable_answer_is_asked_again(
    assistant: Assistant, sender: str, start: str, unusable: str, reask: str, question: str, usable: str,
    next_question: str,
) -> None:  # fmt: skip
    assistant.text(sender, start)
    reply = assistant.text(sender, unusable)
    assert reask in reply and question in reply
    assert next_question in assistant.text(sender, usable)


def test_an_undecided_case_is_offered_to_staff(assistant: Assistant, sender: str) -> None:
    assistant.text(sender, "puis-je participer ?")
    assert "Quel type de candidat" in assistant.text(sender, "oui")
    assistant.text(sender, "nous sommes une commune")
    assert "Décrivez votre projet" in assistant.text(sender, "oui")
    reply = assistant.text(sender, "des formations courtes en big data pour les demandeurs d'emploi")
    assert "ne permet pas de trancher" in reply and "transmette" in reply


def test_an_unanswered_question_goes_to_staff_by_email_in_french(assistant: Assistant, sender: str) -> None:
    reply = assistant.text(sender, "Quel est le taux de cofinancement demandé ?")
    assert "ne précise pas" in reply and "transmette" in reply
    assert "taux de cofinancement" in assistant.text(sender, "oui")  # the question, to confirm
    assert "Comment voulez-vous recevoir" in assistant.text(sender, "oui")
    assert "adresse e-mail" in assistant.text(sender, "par e-mail")
    assert "valable" in assistant.text(sender, "jean.dupont@")
    done = assistant.text(sender, "jean.dupont@exemple.be")
    assert "Référence de votre question : NT-" in done
    [ticket] = tickets_of(assistant, sender)
    assert ticket.language == "fr" and ticket.contact_email == "jean.dupont@exemple.be"
    assert "cofinancement" in ticket.question
    assert ticket.reference in assistant.text(sender, "où en est ma question ?")


def test_asking_for_a_person_in_dutch_gets_a_ticket_answered_in_the_chat(assistant: Assistant, sender: str) -> None:
    assistant.text(sender, "Mag ik twee projecten indienen?")
    assert "Deze vraag geef ik door" in assistant.text(sender, "verbind me door met een medewerker")
    assert "Hoe wilt u het antwoord ontvangen" in assistant.text(sender, "ja")
    done = assistant.text(sender, "hier in de chat")
    assert "Referentie van uw vraag: NT-" in done
    [ticket] = tickets_of(assistant, sender)
    assert ticket.language == "nl" and ticket.contact_email is None and "twee projecten" in ticket.question


def test_no_at_any_step_stores_nothing(assistant: Assistant, sender: str) -> None:
    assistant.text(sender, "je voudrais parler à quelqu'un")
    assistant.text(sender, "Combien de projets seront sélectionnés ?")
    assert "rien n'a été enregistré" in assistant.text(sender, "non merci")
    assert tickets_of(assistant, sender) == []


def test_two_messages_not_understood_in_a_row_offer_staff(assistant: Assistant, sender: str) -> None:
    first = assistant.say(sender, "flurb glorp snarf ?")
    assert "reformuler" in first[0]["text"] and first[0].get("buttons")
    assert "transmette" in assistant.text(sender, "blorf snirk ?")


def test_a_question_s_status_can_be_asked_from_another_conversation(assistant: Assistant, sender: str) -> None:
    assistant.text(sender, "Wanneer worden de resultaten bekendgemaakt?")
    assistant.text(sender, "ja")
    assistant.text(sender, "ja")
    [reference] = re.findall(r"NT-[0-9A-Z]{8}", assistant.text(sender, "hier in de chat"))
    status = assistant.text(f"{sender}-later", f"hoe staat het met mijn vraag {reference.lower()}?")
    assert reference in status and "nog niet behandeld" in status
