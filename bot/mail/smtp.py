"""Sending through an SMTP server: plain, STARTTLS or implicit TLS, with optional login."""

from __future__ import annotations

import ipaddress
import smtplib
import ssl
from email.message import EmailMessage

from bot.mail.mailer import MailError
from bot.mail.settings import TLS_MODES


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SmtpMailer:
    """One SMTP connection per message (replies are few; no idle connection to keep alive)."""

    def __init__(
        self,
        host: str,
        port: int,
        tls: str = "starttls",
        user: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """Configure the server.

        Args:
            host: The SMTP server (credentials without TLS only to a loopback one).
            port: Its port.
            tls: "off", "starttls" or "tls" (implicit TLS).
            user: The login, if the server wants one.
            password: Its password.
            timeout: Seconds for each network operation.
            ssl_context: Certificate checks; by default the system's trusted CAs.

        Raises:
            ValueError: Unknown TLS mode, or a password would cross the network in clear.
        """
        if tls not in TLS_MODES:
            raise ValueError(f"tls must be one of {', '.join(TLS_MODES)}")
        if user and tls == "off" and not _is_loopback(host):
            raise ValueError("refusing to send SMTP credentials without TLS (set SMTP_TLS=starttls or tls)")
        self.host, self.port, self.tls = host, port, tls
        self.user, self.password, self.timeout = user, password, timeout
        self.ssl_context = ssl_context

    def send(self, message: EmailMessage) -> None:
        """Deliver the message to the server.

        Raises:
            MailError: Connection, TLS, login or refusal by the server.
        """
        context = self.ssl_context or ssl.create_default_context()
        try:
            smtp: smtplib.SMTP
            if self.tls == "tls":
                smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
            else:
                smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with smtp:
                if self.tls == "starttls":
                    smtp.starttls(context=context)
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as error:
            raise MailError(f"SMTP {self.host}:{self.port}: {type(error).__name__}: {error}") from error
