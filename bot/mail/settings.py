"""Mail settings, read from the environment (README, "Settings")."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.paths import PROJECT_ROOT

TLS_MODES = ("off", "starttls", "tls")
_DEFAULT_PORTS = {"off": 25, "starttls": 587, "tls": 465}


@dataclass(frozen=True)
class MailSettings:
    """Where and how replies are e-mailed.

    Attributes:
        smtp_host: The SMTP server; None means "write .eml files to `outbox_dir`".
        smtp_tls: "off", "starttls" (port 587) or "tls" (implicit TLS, port 465).
    """

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_tls: str = "starttls"
    smtp_user: str | None = None
    smtp_password: str | None = None
    mail_from: str = "Plan Next Tech <no-reply@localhost>"
    outbox_dir: Path = PROJECT_ROOT / "var" / "outbox"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> MailSettings:
        """Read SMTP_HOST, SMTP_PORT, SMTP_TLS, SMTP_USER, SMTP_PASSWORD, MAIL_FROM, MAIL_OUTBOX_DIR.

        Raises:
            ValueError: SMTP_TLS is not off, starttls or tls, or SMTP_PORT is not a number.
        """
        env = os.environ if env is None else env
        tls = env.get("SMTP_TLS", "starttls").strip().lower() or "starttls"
        if tls not in TLS_MODES:
            raise ValueError(f"SMTP_TLS must be one of {', '.join(TLS_MODES)}, not {tls!r}")
        port = env.get("SMTP_PORT", "").strip()
        outbox = env.get("MAIL_OUTBOX_DIR", "").strip()
        return cls(
            smtp_host=env.get("SMTP_HOST", "").strip() or None,
            smtp_port=int(port) if port else _DEFAULT_PORTS[tls],
            smtp_tls=tls,
            smtp_user=env.get("SMTP_USER") or None,
            smtp_password=env.get("SMTP_PASSWORD") or None,
            mail_from=env.get("MAIL_FROM", "").strip() or cls.mail_from,
            outbox_dir=Path(outbox) if outbox else cls.outbox_dir,
        )
