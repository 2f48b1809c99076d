"""Staff passwords: argon2id hashes (argon2-cffi), a minimum length, no default account."""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 12
_HASHER = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    # Verified against when the account does not exist, so that a wrong e-mail address
    # costs as much time as a wrong password and does not reveal which accounts exist.
    # Made on first use: hashing takes a few hundred milliseconds, too long for an import.
    return _HASHER.hash("not a password of anyone")


def check_strength(password: str) -> None:
    """Refuse passwords too weak to protect applicants' personal data.

    Raises:
        ValueError: The password is shorter than 12 characters or only blanks.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if not password.strip():
        raise ValueError("the password cannot be only spaces")


def hash_password(password: str) -> str:
    """The argon2id hash of `password`, after checking its strength."""
    check_strength(password)
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; with no hash, spends the same time and says no."""
    try:
        return _HASHER.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's."""
    return _HASHER.check_needs_rehash(password_hash)
