"""What sends an e-mail: any object with `send(message)` that raises `MailError` on failure."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Protocol, runtime_checkable


class MailError(Exception):
    """A message could not be handed over; the text says why (no message content in it)."""


@runtime_checkable
class Mailer(Protocol):
    """Hands an e-mail over for delivery."""

    def send(self, message: EmailMessage) -> None:
        """Send `message`, or raise `MailError`."""
        ...
