"""Names of bot.web's keys in Redis: one prefix for all (WEB_STATE_PREFIX), and what
could identify a person (an e-mail, an address) only as a hash."""

from __future__ import annotations

import hashlib


def hashed(*parts: str) -> str:
    """A key part that does not show what it hashes (e-mails, addresses)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:40]


class Keys:
    """bot.web's Redis keys, under one prefix."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __call__(self, kind: str, *parts: str) -> str:
        return f"{self.prefix}{kind}:{hashed(*parts)}"

    def plain(self, kind: str, name: str) -> str:
        """A key whose name is no personal data (a random id, a number)."""
        return f"{self.prefix}{kind}:{name}"
