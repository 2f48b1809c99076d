"""E-mailing staff replies to applicants: rendering, mailers (SMTP or folder), delivery."""

from __future__ import annotations

from bot.mail.delivery import deliver_pending, deliver_reply
from bot.mail.folder import FolderMailer
from bot.mail.mailer import Mailer, MailError
from bot.mail.render import render_reply_email
from bot.mail.settings import MailSettings
from bot.mail.smtp import SmtpMailer

__all__ = [
    "FolderMailer",
    "MailError",
    "MailSettings",
    "Mailer",
    "SmtpMailer",
    "deliver_pending",
    "deliver_reply",
    "mailer_from_env",
    "render_reply_email",
]


def mailer_from_env(settings: MailSettings | None = None) -> Mailer:
    """SmtpMailer when SMTP_HOST is set, else FolderMailer writing to MAIL_OUTBOX_DIR."""
    settings = settings or MailSettings.from_env()
    if settings.smtp_host is None:
        return FolderMailer(settings.outbox_dir)
    return SmtpMailer(
        settings.smtp_host,
        settings.smtp_port,
        tls=settings.smtp_tls,
        user=settings.smtp_user,
        password=settings.smtp_password,
    )
