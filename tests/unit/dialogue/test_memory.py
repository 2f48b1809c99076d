"""What the conversation remembers of the applicant, never their personal data."""

import pytest

from bot.dialogue.memory import BRUSSELS, OUTSIDE, Memory, changed_slots, learn


@pytest.mark.parametrize(
    ("text", "lang", "kind", "place"),
    [
        ("Nous sommes une petite asbl d'Ixelles qui forme des jeunes à l'IoT", "fr", "nonprofit", BRUSSELS),
        ("wij zijn een kleine vzw uit Molenbeek", "nl", "nonprofit", BRUSSELS),
        ("et si je suis basé à Mons ?", "fr", None, OUTSIDE),
        ("ik ben zelfstandige in Gent", "nl", "self_employed", OUTSIDE),
    ],
)
def test_what_applicants_say_of_themselves_is_remembered(text: str, lang: str, kind: str, place: str) -> None:
    memory = learn(Memory(), text, lang)
    assert (memory.kind, memory.place) == (kind, place)


def test_a_question_about_a_kind_is_not_a_statement_about_oneself() -> None:
    assert learn(Memory(), "une asbl peut-elle participer ?", "fr").kind is None
    assert learn(Memory(), "mag een vzw meedoen?", "nl").kind is None


def test_the_project_is_remembered_without_the_person() -> None:
    text = "Je m'appelle Anne Dupont. Nous formons des jeunes à la réalité virtuelle, contact anne@exemple.be"
    memory = learn(Memory(), text, "fr")
    assert memory.project and "réalité virtuelle" in memory.project
    assert "Anne" not in memory.project and "@" not in memory.project


def test_a_project_described_in_two_messages_is_put_together() -> None:
    first = learn(Memory(), "Nous organisons des ateliers pour des jeunes.", "fr")
    second = learn(first, "Nous utilisons la réalité virtuelle", "fr")
    assert second.project and "ateliers" in second.project and "réalité virtuelle" in second.project


def test_only_changed_slots_are_set() -> None:
    before = Memory(kind="nonprofit", topic="ask_budget")
    after = Memory(kind="nonprofit", topic="ask_deadline")
    assert changed_slots(before, after) == {"last_topic": "ask_deadline"}
