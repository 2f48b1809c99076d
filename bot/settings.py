"""Settings of the assistant's own code (answers, limits, tickets, privacy), read once per
process from the environment (README, "Settings").

The services have their own settings objects beside this one (bot.web.settings,
bot.mail.settings, bot.training.settings, bot.web.staff.config); nothing else reads the
environment.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class BotSettings:
    """The assistant's settings.

    Attributes:
        data_dir: The `data/` folder (BOT_DATA_DIR): knowledge, vocabulary, texts.
        today: BOT_TODAY, a fixed date for demos and end-to-end tests (None: the real date).
        call_deadline: CALL_DEADLINE, overriding the deadline of data/knowledge/call.yml.
        max_message_chars: MAX_MESSAGE_CHARS, the longest message the assistant reads.
        retention_days: PERSONAL_DATA_RETENTION_DAYS, how long a closed ticket keeps personal data.
        database_url: DATABASE_URL, the tickets database ("": the embedded SQLite file).
        tracker_store_url: TRACKER_STORE_URL, Rasa's tracker store ("": `make run`'s SQLite file).
        spool_dir: TICKET_SPOOL_DIR, where tickets wait while the database is unreachable.
        action_failure_apology: ACTION_FAILURE_APOLOGY; off only for `rasa test`.
    """

    data_dir: Path = PROJECT_ROOT / "data"
    today: dt.date | None = None
    call_deadline: dt.date | None = None
    max_message_chars: int = 2000
    retention_days: int = 90
    database_url: str = ""
    tracker_store_url: str = ""
    spool_dir: Path = PROJECT_ROOT / "var" / "spool"
    action_failure_apology: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> BotSettings:
        """The settings from `env` (default: the process environment)."""
        env = os.environ if env is None else env
        return cls(
            data_dir=Path(env.get("BOT_DATA_DIR") or PROJECT_ROOT / "data"),
            today=_date(env.get("BOT_TODAY")),
            call_deadline=_date(env.get("CALL_DEADLINE")),
            max_message_chars=int(env.get("MAX_MESSAGE_CHARS", "2000")),
            retention_days=int(env.get("PERSONAL_DATA_RETENTION_DAYS", "90")),
            database_url=env.get("DATABASE_URL", "").strip(),
            tracker_store_url=env.get("TRACKER_STORE_URL", "").strip(),
            spool_dir=Path(env.get("TICKET_SPOOL_DIR", "").strip() or PROJECT_ROOT / "var" / "spool"),
            action_failure_apology=env.get("ACTION_FAILURE_APOLOGY", "on") != "off",
        )


@cache
def bot_settings() -> BotSettings:
    """The process's settings, read from the environment on first use."""
    return BotSettings.from_env()
