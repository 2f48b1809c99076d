"""Which questions a message asks: follow-ups, corrections, several questions, long messages."""

import pytest

from bot.dialogue.memory import Memory
from bot.dialogue.plan import ELABORATE, plan
from tests.unit.dialogue.support import parsed

AFTER_FIGURES = Memory(topic="ask_context_figures")
AFTER_WHO = Memory(topic="check_eligibility")


@pytest.mark.parametrize(
    ("text", "lang", "memory", "intent"),
    [
        ("et côté emplois ?", "fr", AFTER_FIGURES, "ask_context_figures"),
        ("en de jobs?", "nl", AFTER_FIGURES, "ask_context_figures"),
        ("et pour une SRL ?", "fr", AFTER_WHO, "check_eligibility"),
        ("en voor een bv?", "nl", AFTER_WHO, "check_eligibility"),
        ("et la date limite ?", "fr", AFTER_WHO, "ask_deadline"),
        ("en het budget?", "nl", AFTER_WHO, "ask_budget"),
        ("le PIB ?", "fr", AFTER_FIGURES, "ask_context_figures"),
    ],
)
def test_a_follow_up_is_read_against_the_last_topic(text: str, lang: str, memory: Memory, intent: str) -> None:
    (asked,) = plan(parsed(text, lang, "deny", confidence=0.5), memory)
    assert asked.intent == intent and asked.follow_up


@pytest.mark.parametrize(("text", "lang"), [("non, je parlais du budget", "fr"), ("nee, ik bedoelde het budget", "nl")])
def test_a_correction_answers_what_was_meant(text: str, lang: str) -> None:
    (asked,) = plan(parsed(text, lang, "nlu_fallback", confidence=0.4), Memory(topic="ask_deadline"))
    assert asked.intent == "ask_budget"


@pytest.mark.parametrize(("text", "lang"), [("pourquoi ?", "fr"), ("waarom?", "nl")])
def test_why_right_after_an_answer_asks_what_it_rests_on(text: str, lang: str) -> None:
    (asked,) = plan(parsed(text, lang, "ask_purpose"), Memory(topic="ask_deadline"))
    assert asked.intent == ELABORATE


def test_why_at_the_start_of_a_conversation_is_a_question_of_its_own() -> None:
    (asked,) = plan(parsed("pourquoi cet appel ?", "fr", "ask_purpose"), Memory())
    assert asked.intent == "ask_purpose"


@pytest.mark.parametrize(
    ("text", "lang", "parts", "intents"),
    [
        ("quel est le budget et la date limite ?", "fr",
         [("quel est le budget", "ask_budget"), ("la date limite", "ask_deadline")], ["ask_budget", "ask_deadline"]),
        ("wie mag meedoen en tot wanneer?", "nl",
         [("wie mag meedoen", "check_eligibility"), ("tot wanneer", "ask_deadline")],
         ["check_eligibility", "ask_deadline"]),
        ("c est combien le budget et c est pour qui", "fr",
         [("c est combien le budget", "ask_budget"), ("c est pour qui", "check_eligibility")],
         ["ask_budget", "check_eligibility"]),
        ("wie mag meedoen en tot wanneer", "nl",
         [("wie mag meedoen", "check_eligibility"), ("tot wanneer", "ask_deadline")],
         ["check_eligibility", "ask_deadline"]),
    ],
)  # fmt: skip
def test_several_questions_are_each_answered_in_order(
    text: str, lang: str, parts: list[tuple[str, str]], intents: list[str]
) -> None:
    asked = plan(parsed(text, lang, intents[-1], parts=parts), Memory())
    assert [a.intent for a in asked] == intents


def test_a_description_without_a_question_mark_is_not_a_second_question() -> None:
    text = "wij zijn een vzw uit Molenbeek en we willen jongeren laten kennismaken met VR"
    parts = [("wij zijn een vzw uit Molenbeek", "check_eligibility"),
             ("we willen jongeren laten kennismaken met VR", "recommend_measure")]  # fmt: skip
    (asked,) = plan(parsed(text, "nl", "recommend_measure", parts=parts), Memory())
    assert asked.intent == "recommend_measure"


def test_the_question_at_the_end_of_a_long_message_is_the_one_answered() -> None:
    text = "Bonjour, j'ai une petite société web à Schaerbeek. On a 3 employés. Quel est le montant total prévu ?"
    parts = [("Bonjour", "greet"), ("j'ai une petite société web à Schaerbeek", "check_eligibility"),
             ("On a 3 employés", "ask_context_figures"), ("Quel est le montant total prévu", "ask_budget")]  # fmt: skip
    (asked,) = plan(parsed(text, "fr", "nlu_fallback", confidence=0.4, parts=parts), Memory())
    assert asked.intent == "ask_budget" and asked.text == "Quel est le montant total prévu"


def test_which_measure_after_a_description_is_about_the_described_project() -> None:
    text = "Nous formons des entrepreneurs IT à la vente. Quelle mesure ?"
    parts = [("Nous formons des entrepreneurs IT à la vente", "recommend_measure"), ("Quelle mesure", "ask_measures")]
    (asked,) = plan(parsed(text, "fr", "recommend_measure", parts=parts), Memory())
    assert asked.intent == "recommend_measure" and asked.text == text


def test_a_measure_named_by_its_number_in_a_follow_up() -> None:
    (asked,) = plan(parsed("et la 3 ?", "fr", "deny", confidence=0.3), Memory(topic="ask_measures"))
    assert (asked.intent, asked.focus) == ("ask_measures", 3)


def test_a_description_before_a_question_about_it_is_part_of_it() -> None:
    text = "Notre asbl initie les jeunes à la VR : éligibles ?"
    parts = [("Notre asbl initie les jeunes à la VR", "recommend_measure"), ("éligibles", "check_eligibility")]
    (asked,) = plan(parsed(text, "fr", "recommend_measure", parts=parts), Memory())
    assert asked.text == text  # the whole description goes with the question


def test_two_questions_about_a_described_project_are_both_answered() -> None:
    text = "Wij leren jongeren werken met VR: welke maatregel en komen we in aanmerking?"
    parts = [("Wij leren jongeren werken met VR", "recommend_measure"), ("welke maatregel", "ask_measures"),
             ("komen we in aanmerking", "check_eligibility")]  # fmt: skip
    asked = plan(parsed(text, "nl", "recommend_measure", parts=parts), Memory())
    assert [a.intent for a in asked] == ["ask_measures", "check_eligibility"] and all(a.text == text for a in asked)


@pytest.mark.parametrize(
    ("text", "lang", "intent"),
    [("dus in oktober kon het niet meer?", "nl", "stop"), ("donc fin septembre c'était trop tard ?", "fr", "deny")],
)  # fmt: skip
def test_a_date_right_after_the_deadline_answer_is_about_the_deadline(text: str, lang: str, intent: str) -> None:
    (asked,) = plan(parsed(text, lang, intent), Memory(topic="ask_deadline"))
    assert asked.intent == "ask_deadline"


def test_a_long_description_without_a_question_mark_gets_its_measure() -> None:
    text = ("On a monté une asbl à Jette. On organise des formations de cinq jours sur l'IoT pour des gens en "
            "reconversion. On cherche à savoir dans quelle mesure ça pourrait entrer.")  # fmt: skip
    parts = [("On a monté une asbl à Jette", "check_eligibility"),
             ("On organise des formations de cinq jours sur l'IoT pour des gens en reconversion", "ask_technologies"),
             ("On cherche à savoir dans quelle mesure ça pourrait entrer", "recommend_measure")]  # fmt: skip
    (asked,) = plan(parsed(text, "fr", "recommend_measure", parts=parts), Memory())
    assert asked.intent == "recommend_measure" and asked.text == text
