"""Anonymisation at purge time: contact details go, the rest of the text stays."""

from __future__ import annotations

import pytest

from bot.tickets.anonymise import anonymise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Écrivez-moi : jean.dupont+pnt@exemple.be merci", "Écrivez-moi : [e-mail] merci"),
        ("mail: A_B-c@sub.domain.brussels", "mail: [e-mail]"),
        ("bel me op 0470 12 34 56 aub", "bel me op [phone] aub"),
        ("tel 0470/12.34.56.", "tel [phone]."),
        ("fixe : 02 123 45 67", "fixe : [phone]"),
        ("bureau 02/123.45.67", "bureau [phone]"),
        ("gsm +32 470 12 34 56", "gsm [phone]"),
        ("+32 (0)2 123 45 67", "[phone]"),
        ("0032 2 123 45 67 of 0032470123456", "[phone] of [phone]"),
        ("+33 6 12 34 56 78", "[phone]"),
    ],
)
def test_contact_details_are_masked(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Le budget est de 400.000 € pour 2016.",
        "De uiterste datum was 01/09/2016.",
        "Date limite : 2016-09-01, 3 mesures, 40 projets",
        "Een vzw of een zelfstandige in het Brussels Hoofdstedelijk Gewest?",
    ],
)
def test_amounts_dates_and_plain_text_stay(text: str) -> None:
    assert anonymise(text) == text


def test_nothing_personal_survives_a_mixed_text() -> None:
    text = "Bonjour, je suis une asbl, contact: a@b.be ou 0475 99 88 77. Budget 400.000 €?"
    result = anonymise(text)
    assert "a@b.be" not in result and "0475" not in result
    assert "asbl" in result and "400.000 €" in result
