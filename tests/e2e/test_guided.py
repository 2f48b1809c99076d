"""The guided eligibility check and the hand-off to staff, through the real Rasa server
and action server (REST channel), in French and in Dutch."""

from __future__ import annotations

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


def test_a_complete_check_in_french(assistant: Assistant, sender: str) -> None:
    assert "Quel type de candidat" in assistant.text(sender, "Est-ce que je suis éligible ?")
    assert "économie numérique" in assistant.text(sender, "une asbl")
    assert "Décrivez votre projet" in assistant.text(sender, "oui")
    verdict = assistant.text(sender, "des ateliers pour faire découvrir aux jeunes les métiers de la réalité virtuelle")
    assert "entre dans l'appel" in verdict and "mesure 2" in verdict
    assert "la Région qui sélectionne" in verdict and "1er septembre 2016" in verdict


def test_a_complete_check_in_dutch(assistant: Assistant, sender: str) -> None:
    assert "Wat voor kandidaat" in assistant.text(sender, "Kom ik in aanmerking voor deze oproep?")
    assert "digitale economie" in assistant.text(sender, "zelfstandige")
    assert "Beschrijf uw project" in assistant.text(sender, "ja")
    verdict = assistant.text(sender, "een verkoopopleiding voor ict-ondernemers die hun software beter willen verkopen")
    assert "past uw kandidatuur in de oproep" in verdict and "maatregel 3" in verdict
    assert "het Gewest selecteert" in verdict


def test_the_first_message_can_answer_everything(assistant: Assistant, sender: str) -> None:
    text = "Notre asbl bruxelloise veut initier les jeunes aux métiers de la réalité virtuelle : éligibles ?"
    verdict = assistant.text(sender, text)
    assert "entre dans l'appel" in verdict, verdict
    assert "Quel type de candidat" not in verdict


def test_a_question_in_the_middle_is_answered_then_the_check_resumes(assistant: Assistant, sender: str) -> None:
    assistant.text(sender, "Mon entreprise peut-elle participer ?")
    reply = assistant.text(sender, "au fait, quelle est la date limite ?")
    assert "1er septembre 2016" in reply
    assert "économie numérique" in reply  # the pending question is asked again
    assert "Décrivez votre projet" in assistant.text(sender, "oui")


def test_stop_cancels_the_check(assistant: Assistant, sender: str) -> None:
    assert "Wat voor kandidaat" in assistant.text(sender, "komt mijn organisatie in aanmerking?")
    assert "ik stop met de controle" in assistant.text(sender, "stop")
    assert "€ 400.000" in assistant.text(sender, "wat is het budget?")


def test_an_unusable_answer_is_asked_again(assistant: Assistant, sender: str) -> None:
    assistant.text(sender, "suis-je éligible ?")
    reply = assistant.text(sender, "bof")
    assert "pas reconnu le type de candidat" in reply and "Quel type de candidat" in reply
    assert "économie numérique" in assistant.text(sender, "indépendant")


def test_an_undecided_case_is_offered_to_staff(assistant: Assistant, sender: str) -> None:
    assistant.text(sender, "puis-je participer ?")
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
