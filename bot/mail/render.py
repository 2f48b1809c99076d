"""The e-mail that carries a staff reply, in the applicant's language.

The wording lives in `data/mail/<language>.yml` (same keys in every language); this
module only lays the parts out, identically for every language.
"""

from __future__ import annotations

import functools
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from typing import Any

import yaml

from bot.paths import data_dir
from bot.tickets.views import ReplyView, TicketView

TEMPLATE_KEYS = frozenset(
    {"subject", "greeting", "intro", "reply_heading", "question_heading", "no_reply", "privacy", "signature"}
)


@functools.lru_cache(maxsize=8)
def _load(path: Path) -> dict[str, str]:
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != TEMPLATE_KEYS:
        raise ValueError(f"{path} must hold exactly the keys {sorted(TEMPLATE_KEYS)}")
    return {key: str(value).strip() for key, value in data.items()}


def templates(language: str) -> dict[str, str]:
    """The e-mail wording for `language`.

    Raises:
        ValueError: No wording for this language, or the file lacks keys.
    """
    path = data_dir() / "mail" / f"{language}.yml"
    if not language.isalpha() or not path.is_file():
        raise ValueError(f"no e-mail wording for language {language!r}")
    return _load(path)


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def render_reply_email(ticket: TicketView, reply: ReplyView, sender: str | None = None) -> EmailMessage:
    """The message that sends `reply` to the applicant of `ticket`.

    Args:
        ticket: Must have a contact e-mail address.
        reply: The staff reply to send.
        sender: The From address (default: MAIL_FROM).

    Raises:
        ValueError: The ticket has no contact e-mail address or an unknown language.
    """
    if not ticket.contact_email:
        raise ValueError("the ticket has no contact e-mail address")
    if sender is None:
        from bot.mail.settings import MailSettings

        sender = MailSettings.from_env().mail_from
    words = {key: value.format(reference=ticket.reference) for key, value in templates(ticket.language).items()}
    body = "\n\n".join(
        [
            words["greeting"],
            words["intro"],
            f"{words['reply_heading']}\n\n{reply.text}",
            f"{words['question_heading']}\n{_quoted(ticket.question)}",
            words["no_reply"],
            words["privacy"],
            words["signature"],
        ]
    )
    message = EmailMessage()
    message["Subject"] = words["subject"]
    message["From"] = sender
    message["To"] = ticket.contact_email
    message["Date"] = format_datetime(datetime.now(timezone.utc))
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(idstring=f"reply-{reply.id}", domain=domain)
    message["X-Ticket-Reference"] = ticket.reference
    message.set_content(body + "\n")
    message["Content-Language"] = ticket.language  # after set_content, which resets Content-*
    return message
