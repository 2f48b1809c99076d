"""The values a ticket, its reply channel and a reply's delivery can take.

String enums: each member is its own text, so it is stored, compared, put in a slot or in
a template as that text ("open" == TicketStatus.OPEN).
"""

from __future__ import annotations

from enum import Enum


class _Text(str, Enum):
    _value_: str

    def __str__(self) -> str:  # the value, not "TicketStatus.OPEN"
        return self.value


class TicketStatus(_Text):
    """Where a ticket is: waiting for staff, answered, or closed."""

    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


class ReplyChannel(_Text):
    """How the applicant wants staff's answer: by e-mail or in the chat."""

    EMAIL = "email"
    CHAT = "chat"


class DeliveryStatus(_Text):
    """Where a reply's e-mail is: none needed (chat), waiting, sent or failed (retried)."""

    NOT_NEEDED = "not_needed"
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


# Replies whose e-mail is still to be sent (retried after a failure).
UNDELIVERED = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)


def values(kind: type[_Text]) -> tuple[str, ...]:
    """The texts of an enum, in order (for CHECK constraints and templates)."""
    return tuple(member.value for member in kind)
