"""Whole turns: learn, answer each question, remember (French and Dutch)."""

import datetime as dt
from dataclasses import replace

import pytest

from bot.answers.reply import ELIGIBILITY_CHECK, HANDOFF, Context, Reply
from bot.dialogue.memory import Memory
from bot.dialogue.plan import Message
from bot.dialogue.respond import respond
from tests.unit.dialogue.support import parsed

AFTER = dt.date(2026, 12, 1)


def turn(message: Message, memory: Memory | None = None) -> tuple[Reply, Memory]:
    memory = memory or Memory()
    return respond(message, memory, Context(memory=memory), AFTER)


@pytest.mark.parametrize(
    ("first", "then", "lang", "expected"),
    [
        ("Nous sommes une petite asbl d'Ixelles qui forme des jeunes à l'IoT", "on peut postuler ?", "fr",
         "Oui, les asbl"),
        ("wij zijn een kleine vzw uit Molenbeek en we leren jongeren werken met VR", "komen we in aanmerking?", "nl",
         "Ja, vzw's"),
    ],
)  # fmt: skip
def test_can_we_apply_is_answered_for_the_kind_said_earlier(first: str, then: str, lang: str, expected: str) -> None:
    _, memory = turn(parsed(first, lang, "recommend_measure"))
    reply, _ = turn(parsed(then, lang, "check_eligibility"), memory)
    assert reply.text.startswith(expected)
    assert reply.offer == "eligibility_form" and reply.start is None  # offered, not pushed


@pytest.mark.parametrize(
    ("text", "lang", "parts", "needles"),
    [
        ("quel est le budget et la date limite ?", "fr",
         [("quel est le budget", "ask_budget"), ("la date limite", "ask_deadline")], ["400.000", "clôturé"]),
        ("wie mag meedoen en tot wanneer?", "nl",
         [("wie mag meedoen", "check_eligibility"), ("tot wanneer", "ask_deadline")], ["vzw", "afgesloten"]),
    ],
)  # fmt: skip
def test_each_question_is_answered_in_order(
    text: str, lang: str, parts: list[tuple[str, str]], needles: list[str]
) -> None:
    reply, memory = turn(parsed(text, lang, parts[-1][1], parts=parts))
    positions = [reply.text.index(n) for n in needles]
    assert positions == sorted(positions)
    assert memory.topic == parts[-1][1]


@pytest.mark.parametrize(
    ("text", "lang", "start"),
    [("ce n'est que pour les startups, c'est ça ?", "fr", "Non, pas seulement les startups"),
     ("is het alleen voor startups?", "nl", "Nee, niet alleen startups"),
     ("les asbl sont exclues ?", "fr", "Si, les asbl"),
     ("vzw's zijn uitgesloten, toch?", "nl", "Toch wel, vzw's")],
)  # fmt: skip
def test_a_wrong_belief_about_who_may_apply_is_corrected(text: str, lang: str, start: str) -> None:
    reply, _ = turn(parsed(text, lang, "check_eligibility"))
    assert reply.text.startswith(start)


@pytest.mark.parametrize(
    ("text", "lang", "needles"),
    [("Quelle est la procédure pour rentrer un projet ?", "fr", ["projet innovant", "formulaire", "clôturé"]),
     ("Hoe dien ik een project in?", "nl", ["innovatief project", "formulier", "afgesloten"])],
)  # fmt: skip
def test_how_to_apply_says_what_the_text_says_and_does_not(text: str, lang: str, needles: list[str]) -> None:
    reply, memory = turn(parsed(text, lang, "ask_submission"))
    assert all(n in reply.text for n in needles)
    assert reply.offer == "handoff_form" and memory.open_question == text


def test_a_budget_question_with_a_wrong_figure_is_corrected_first() -> None:
    reply, _ = turn(parsed("le budget total c'est un million ?", "fr", "ask_budget"))
    assert reply.text.startswith("Non : le budget total de l'appel est de 400.000 €, pas un million.")


def test_the_handoff_asks_what_to_pass_on_when_the_last_question_was_answered() -> None:
    _, memory = turn(parsed("wie beslist?", "nl", "ask_launcher"))
    reply, _ = respond(parsed("kan ik met iemand praten", "nl", "request_human"), memory,
                       Context(memory=memory, previous_question=memory.open_question), AFTER)  # fmt: skip
    assert reply.start == "handoff_form" and reply.question is None


def test_a_question_the_text_does_not_answer_is_kept_for_staff() -> None:
    _, memory = turn(parsed("un même candidat peut-il déposer plusieurs projets ?", "fr", "ask_unanswered"))
    assert memory.open_question == "un même candidat peut-il déposer plusieurs projets ?"
    _, memory = turn(parsed("et le budget ?", "fr", "ask_budget"), memory)
    assert memory.open_question is None  # answered since: a hand-off asks what to pass on


@pytest.mark.parametrize(
    ("text", "lang", "start"),
    [("oups non, je suis encore étudiant en fait", "fr", "Le texte ne tranche pas pour les étudiants"),
     ("eigenlijk zijn we een gemeente", "nl", "Daarover beslist de tekst niet voor overheden")],
)  # fmt: skip
def test_saying_what_one_is_gets_what_the_text_says_about_it(text: str, lang: str, start: str) -> None:
    reply, memory = turn(parsed(text, lang, "out_of_scope", confidence=0.5), Memory(kind="nonprofit"))
    assert reply.text.startswith(start) and memory.kind != "nonprofit"


def test_a_project_described_earlier_answers_which_measure_is_that() -> None:
    _, memory = turn(parsed("Wij geven korte opleidingen over IoT aan werkzoekenden.", "nl", "recommend_measure"))
    reply, _ = turn(parsed("welke maatregel is dat volgens u?", "nl", "ask_measures"), memory)
    assert "maatregel 5" in reply.text and "1." not in reply.text


@pytest.mark.parametrize(
    ("text", "lang"),
    [("je voudrais demander à l'équipe si un même projet peut combiner deux mesures", "fr"),
     ("ik wil het team graag vragen of een project twee maatregelen mag combineren", "nl")],
)  # fmt: skip
def test_a_request_for_a_person_that_holds_its_question_passes_that_question_on(text: str, lang: str) -> None:
    reply, _ = turn(parsed(text, lang, "request_human"))
    assert reply.start == "handoff_form" and reply.question == text


@pytest.mark.parametrize(("text", "lang"), [("transmettez ma question svp", "fr"), ("geef die vraag door aub", "nl")])
def test_asking_to_pass_the_question_on_is_a_request_for_a_person(text: str, lang: str) -> None:
    _, memory = turn(parsed("un même candidat peut-il déposer plusieurs projets ?", "fr", "ask_unanswered"))
    reply, _ = respond(parsed(text, lang, "out_of_scope", confidence=0.4), memory,
                       Context(memory=memory, previous_question=memory.open_question), AFTER)  # fmt: skip
    assert reply.start == "handoff_form" and reply.question == memory.open_question


@pytest.mark.parametrize(
    ("text", "lang"),
    [("nous sommes une association de fait, on peut participer ?", "fr"),
     ("wij zijn een feitelijke vereniging, mogen we meedoen?", "nl")],
)  # fmt: skip
def test_a_kind_the_text_does_not_decide_is_offered_to_staff_not_to_the_check(text: str, lang: str) -> None:
    reply, _ = turn(parsed(text, lang, "check_eligibility"))
    assert reply.offer == HANDOFF


@pytest.mark.parametrize(
    ("text", "lang", "start"),
    [("la blockchain compte aussi, c'est ça ?", "fr", "Non"), ("blockchain telt toch ook mee?", "nl", "Nee")],
)  # fmt: skip
def test_a_technology_the_call_does_not_name_gets_a_no(text: str, lang: str, start: str) -> None:
    reply, _ = turn(parsed(text, lang, "ask_technologies"))
    assert reply.text.startswith(start)


@pytest.mark.parametrize(
    ("text", "lang", "share", "absent"),
    [("quelle part des emplois est directement dans le secteur des TIC ?", "fr", "60%", "28%"),
     ("Welk aandeel van de jobs zit rechtstreeks in de ICT-sector?", "nl", "60%", "28%")],
)  # fmt: skip
def test_one_share_of_the_jobs_asked_gets_that_share(text: str, lang: str, share: str, absent: str) -> None:
    reply, _ = turn(parsed(text, lang, "ask_context_figures"))
    assert share in reply.text.replace("\u202f", "").replace(" %", "%") and absent not in reply.text


@pytest.mark.parametrize(
    ("text", "lang", "intent"),
    [("Une SRL établie à Bruxelles peut-elle soumettre un projet ?", "fr", "ask_submission"),
     ("Kan een eenmanszaak een project indienen?", "nl", "ask_submission")],
)  # fmt: skip
def test_can_this_kind_submit_is_a_question_of_who_may_apply(text: str, lang: str, intent: str) -> None:
    reply, _ = turn(parsed(text, lang, intent))
    assert reply.offer == ELIGIBILITY_CHECK


@pytest.mark.parametrize(
    ("text", "lang", "needle"),
    [("Je vous remercie. Un accusé de réception est-il prévu ?", "fr", "ne précise pas"),
     ("Bedankt. Is er een ontvangstbevestiging voorzien?", "nl", "zegt niet")],
)  # fmt: skip
def test_a_question_after_thanks_is_answered_even_when_the_nlu_is_unsure(text: str, lang: str, needle: str) -> None:
    first, second = text.split(". ")
    parts = [(first, "thank"), (second, "check_eligibility")]
    message = parsed(text, lang, "thank", parts=parts)
    message = replace(
        message, parts=[replace(p, confidence=0.95 if p.intent == "thank" else 0.4) for p in message.parts]
    )
    reply, _ = turn(message)
    assert needle in reply.text


@pytest.mark.parametrize(
    ("first", "then", "lang", "then_intent"),
    [("comment introduire le dossier ?", "et à qui dois-je l'envoyer ?", "fr", "ask_submission"),
     ("hoe dien ik een dossier in?", "en bij wie moet ik dat indienen?", "nl", "ask_submission")],
)  # fmt: skip
def test_to_whom_one_submits_is_how_to_apply_not_who_may(first: str, then: str, lang: str, then_intent: str) -> None:
    _, memory = turn(parsed(first, lang, "ask_submission"))
    reply, _ = turn(parsed(then, lang, then_intent), memory)
    assert reply.offer == HANDOFF and "2016" in reply.text


def test_wanting_to_submit_read_as_a_request_for_a_person_gets_how_to_apply() -> None:
    reply, _ = turn(parsed("je veux rentrer un projet", "fr", "request_human", confidence=0.52))
    assert "2016" in reply.text and reply.offer == HANDOFF


@pytest.mark.parametrize(
    ("first", "first_lang", "again", "lang", "expected"),
    [("Quel est le budget de l'appel ?", "fr", "Kunt u dat ook in het Nederlands zeggen?", "nl", "€ 400.000"),
     ("Wat is de uiterste datum?", "nl", "Pouvez-vous répéter ça en français ?", "fr", "1er septembre 2016")],
)  # fmt: skip
def test_the_last_answer_is_given_again_in_the_language_asked(
    first: str, first_lang: str, again: str, lang: str, expected: str
) -> None:
    intent = "ask_budget" if first_lang == "fr" else "ask_deadline"
    _, memory = turn(parsed(first, first_lang, intent))
    context = Context(memory=memory, last_message=first)
    reply, _ = respond(parsed(again, lang, "nlu_fallback"), memory, context, AFTER)
    assert expected in reply.text


def test_a_request_for_a_person_is_never_read_as_the_applicants_kind() -> None:
    reply, _ = turn(parsed("Je voudrais parler à une personne de l'administration, s'il vous plaît.", "fr",
                           "request_human"))  # fmt: skip
    assert reply.start == HANDOFF and "pouvoirs publics" not in reply.text
