"""Today's date in Brussels, injectable so that tests can stand before or after the deadline."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def today() -> dt.date:
    """The date in Brussels, or BOT_TODAY (YYYY-MM-DD) when set (demos and end-to-end tests)."""
    forced = os.environ.get("BOT_TODAY")
    if forced:
        return dt.date.fromisoformat(forced)
    return dt.datetime.now(BRUSSELS).date()
