import pytest

from bot.language import detect


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bonjour, quelle est la date limite ?", "fr"),
        ("Salut", "fr"),
        ("Hoi", "nl"),
        ("Wat is de deadline om in te dienen?", "nl"),
        ("Mag een vzw een project indienen?", "nl"),
        ("Une asbl peut-elle déposer un projet ?", "fr"),
        ("What is the deadline for this call?", "en"),
        ("Wer kann sich für das Projekt bewerben?", "de"),
    ],
)
def test_detects_the_language_of_full_sentences(text: str, expected: str) -> None:
    assert detect(text).language == expected


@pytest.mark.parametrize("text", ["ok", "budget ?", "deadline", "merci", "400.000", "👍", ""])
def test_short_or_ambiguous_messages_have_no_language(text: str) -> None:
    detection = detect(text)
    assert detection.language is None
    assert detection.reply_language is None
    assert not detection.is_foreign


def test_an_explicit_request_wins_over_the_words_used() -> None:
    assert detect("Pardon, en français svp : quelles technologies ?").reply_language == "fr"
    assert detect("Kan dat ook in het Nederlands? Wat is het budget?").reply_language == "nl"
    assert detect("Can you answer in Dutch please?").reply_language == "nl"
    assert not detect("Can you answer in Dutch please?").is_foreign


def test_a_french_sentence_with_one_english_word_is_french() -> None:
    assert detect("c'est quand la deadline pour le projet ?").language == "fr"


def test_naming_a_language_inside_a_question_about_it_is_no_request() -> None:
    assert detect("Des informations sont-elles disponibles en néerlandais ?").reply_language == "fr"
    assert detect("Is er ook informatie in het Frans beschikbaar?").reply_language == "nl"
    assert detect("Pouvez-vous répondre en néerlandais s'il vous plaît ?").reply_language == "nl"


@pytest.mark.parametrize(("text", "expected"), [("Toelatingsvoorwaarden?", "nl"), ("tijdslimiet?", "nl"),
                                            ("éligibilité ?", "fr"), ("hallo", None), ("ok", None)])  # fmt: skip
def test_a_long_word_without_markers_leans_to_the_language_it_looks_like(text: str, expected: str | None) -> None:
    assert detect(text).leaning == expected
