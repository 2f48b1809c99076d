"""Staff passwords: argon2id, minimum length, constant-ish cost for unknown accounts."""

from __future__ import annotations

import pytest

from bot.tickets.passwords import MIN_PASSWORD_LENGTH, check_strength, hash_password, verify_password


def test_hash_is_argon2id_and_verifies() -> None:
    hashed = hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "correct horse battery")
    assert not verify_password(hashed, "correct horse batterY")


@pytest.mark.parametrize("password", ["", "short", "x" * (MIN_PASSWORD_LENGTH - 1), " " * 20])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValueError, match="the password"):
        check_strength(password)


def test_no_hash_never_verifies() -> None:
    assert not verify_password(None, "not a password of anyone")
    assert not verify_password("garbage", "whatever whatever")
