"""Questions whose answers are recognisable by a few words: a reply is known to be the
answer to its own message, not to another one of the conversation."""

from __future__ import annotations

QUESTIONS = {
    "fr": [
        ("Quel est le budget de l'appel ?", "400.000"),
        ("Quelle est la date limite ?", "2016"),
        ("Qui peut participer ?", "indépendants"),
        ("Une asbl peut-elle participer ?", "parmi les candidats"),
        ("Quelles sont les mesures prioritaires ?", "cinq mesures"),
        ("Quelles technologies sont concernées ?", "accent"),
    ],
    "nl": [
        ("Hoeveel budget is er?", "400.000"),
        ("Wat is de uiterste datum?", "2016"),
        ("Wie mag deelnemen?", "zelfstandigen"),
        ("Mag een vzw meedoen?", "uitdrukkelijk"),
        ("Wat zijn de prioritaire maatregelen?", "vijf prioritaire"),
        ("Welke technologieën komen aan bod?", "nadruk"),
    ],
}


def answers(question_index: int, lang: str, text: str) -> bool:
    return QUESTIONS[lang][question_index][1].lower() in text.lower()
