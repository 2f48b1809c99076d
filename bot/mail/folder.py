"""The embedded mailer: each message becomes an .eml file in an outbox folder.

The default when no SMTP server is configured, so that a fresh clone works and replies
are never silently dropped; a person (or a later relay) picks the files up.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from datetime import datetime, timezone
from email.message import EmailMessage
from pathlib import Path

from bot.mail.mailer import MailError


class FolderMailer:
    """Writes messages as `<UTC time>-<random>.eml` files, atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage) -> None:
        """Write the message to a new file in the folder.

        Raises:
            MailError: The folder cannot be written.
        """
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.folder / f"{stamp}-{secrets.token_hex(4)}.eml"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".part")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(message.as_bytes())
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(temporary, target)
            finally:
                Path(temporary).unlink(missing_ok=True)
        except OSError as error:
            raise MailError(f"cannot write to the outbox folder: {type(error).__name__}: {error.strerror}") from error
