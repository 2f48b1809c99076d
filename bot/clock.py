"""Today's date in Brussels, injectable so that tests can stand before or after the deadline."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.settings import bot_settings

BRUSSELS = ZoneInfo("Europe/Brussels")


def today() -> dt.date:
    """The date in Brussels, or BOT_TODAY (YYYY-MM-DD) when set (demos and end-to-end tests)."""
    return bot_settings().today or dt.datetime.now(BRUSSELS).date()
