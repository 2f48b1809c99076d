"""Ticket references: random, unguessable, easy to read aloud over the phone.

`NT-` followed by 8 characters of Crockford's base32 (40 bits from `secrets`). The
alphabet has no I, L, O or U, so a reference read aloud cannot be misheard as another;
what people type back is normalised (case, spaces, dashes, O for 0, I/L for 1).
"""

from __future__ import annotations

import re
import secrets

PREFIX = "NT-"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_reference() -> str:
    """A fresh random reference such as `NT-7K3M9QXA`."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_reference(text: str) -> str | None:
    """The canonical form of a reference as typed or dictated, or None if it cannot be one.

    Args:
        text: What the applicant or staff typed, e.g. ``" nt-7k3m 9qxa"``.

    Returns:
        ``"NT-7K3M9QXA"``, or None when the text is not a well-formed reference.
    """
    compact = _SEPARATORS.sub("", text).upper()
    if compact.startswith(PREFIX[:-1]):
        compact = compact[len(PREFIX) - 1 :]
    compact = compact.translate(_ALIASES)
    if len(compact) != LENGTH or any(char not in ALPHABET for char in compact):
        return None
    return PREFIX + compact
