"""Ticket references: random, well-formed, and read back whatever the typing."""

from __future__ import annotations

import re

import pytest

from bot.tickets.references import ALPHABET, new_reference, normalise_reference


def test_new_references_are_well_formed_and_not_sequential() -> None:
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000
    assert all(re.fullmatch(r"NT-[0-9A-HJKMNP-TV-Z]{8}", reference) for reference in references)


def test_alphabet_has_no_ambiguous_letters() -> None:
    assert not set("ILOU") & set(ALPHABET)
    assert len(ALPHABET) == 32


@pytest.mark.parametrize(
    "typed",
    ["NT-7K3M9QXA", "nt-7k3m9qxa", " nt 7k3m 9qxa ", "NT7K3M9QXA", "7K3M-9QXA", "nt.7k3m.9qxa", "NT-7K3M9QXA\n"],
)
def test_typed_variants_normalise_to_the_reference(typed: str) -> None:
    assert normalise_reference(typed) == "NT-7K3M9QXA"


def test_letters_misheard_as_digits_are_read_as_digits() -> None:
    assert normalise_reference("NT-O1IL2345") == "NT-01112345"


@pytest.mark.parametrize("typed", ["", "NT-", "NT-1234567", "NT-123456789", "NT-1234567U", "hello", "NT-1234 56!7"])
def test_malformed_references_are_refused(typed: str) -> None:
    assert normalise_reference(typed) is None
