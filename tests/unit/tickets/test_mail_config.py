"""Mail settings, the choice of mailer, and the retry schedule."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.mail import FolderMailer, MailSettings, SmtpMailer, mailer_from_env
from bot.mail.delivery import MAX_BACKOFF, next_attempt_at
from bot.tickets.views import ReplyView

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)


def test_defaults_write_to_the_outbox_folder(tmp_path: Path) -> None:
    settings = MailSettings.from_env({"MAIL_OUTBOX_DIR": str(tmp_path)})
    mailer = mailer_from_env(settings)
    assert isinstance(mailer, FolderMailer) and mailer.folder == tmp_path


@pytest.mark.parametrize(("tls", "port"), [("off", 25), ("starttls", 587), ("tls", 465)])
def test_smtp_settings_and_default_ports(tls: str, port: int) -> None:
    env = {"SMTP_HOST": "smtp.example.be", "SMTP_TLS": tls, "SMTP_USER": "u", "SMTP_PASSWORD": "p"}
    settings = MailSettings.from_env(env)
    assert (settings.smtp_port, settings.smtp_tls) == (port, tls)
    if tls == "off":
        with pytest.raises(ValueError, match="without TLS"):
            mailer_from_env(settings)
    else:
        mailer = mailer_from_env(settings)
        assert isinstance(mailer, SmtpMailer) and (mailer.host, mailer.port, mailer.tls) == (
            "smtp.example.be",
            port,
            tls,
        )


def test_bad_tls_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="SMTP_TLS"):
        MailSettings.from_env({"SMTP_TLS": "maybe"})


def test_credentials_without_tls_are_allowed_on_loopback_only() -> None:
    SmtpMailer("127.0.0.1", 2525, tls="off", user="u", password="p")
    with pytest.raises(ValueError, match="without TLS"):
        SmtpMailer("mail.example.be", 25, tls="off", user="u", password="p")


def test_backoff_doubles_per_attempt_up_to_a_cap() -> None:
    reply = ReplyView(1, None, "t", NOW, "pending", 0, None)
    assert next_attempt_at(reply) is None
    failed = replace(reply, delivery_status="failed", delivery_attempts=1, last_attempt_at=NOW)
    assert next_attempt_at(failed) == NOW + timedelta(minutes=1)
    assert next_attempt_at(replace(failed, delivery_attempts=3)) == NOW + timedelta(minutes=4)
    assert next_attempt_at(replace(failed, delivery_attempts=30)) == NOW + MAX_BACKOFF
