"""The period the insight page shows: whole days in Brussels, from the page's query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.rasa_io.events_sql import Window

BRUSSELS = ZoneInfo("Europe/Brussels")
DEFAULT_DAYS = 30
MAX_DAYS = 366
EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class Period:
    """From `first` to `last`, both included, in Brussels local days."""

    first: date
    last: date

    @classmethod
    def ending(cls, last: date, days: int = DEFAULT_DAYS) -> Period:
        return cls(last - timedelta(days=days - 1), last)

    @classmethod
    def from_query(cls, first: str | None, last: str | None, today: date) -> tuple[Period, bool]:
        """The period asked for, or the last 30 days; True when the request was unusable.

        Bad dates, a period that ends before it starts or longer than a year fall back to
        the default, so the page always shows something and says why.
        """
        if not first and not last:
            return cls.ending(today), False
        try:
            end = date.fromisoformat(last) if last else today
            start = date.fromisoformat(first) if first else end - timedelta(days=DEFAULT_DAYS - 1)
        except ValueError:
            return cls.ending(today), True
        if start > end or (end - start).days >= MAX_DAYS:
            return cls.ending(today), True
        return cls(start, end), False

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def utc_bounds(self) -> tuple[datetime, datetime]:
        """[start, end) as aware UTC datetimes: local midnight of `first`, of the day after `last`."""
        start = datetime.combine(self.first, time(), BRUSSELS)
        end = datetime.combine(self.last + timedelta(days=1), time(), BRUSSELS)
        return start.astimezone(timezone.utc), end.astimezone(timezone.utc)

    def window(self) -> Window:
        """The period in Unix seconds, with Brussels' UTC offsets (summer time changes)."""
        start, end = self.utc_bounds()
        offsets: list[tuple[float, int]] = []
        moment = start
        while moment < end:  # changes happen on the hour: hourly steps find them exactly
            utc_offset = moment.astimezone(BRUSSELS).utcoffset()
            assert utc_offset is not None  # an aware datetime
            offset = int(utc_offset.total_seconds())
            if not offsets or offsets[-1][1] != offset:
                offsets.append((moment.timestamp(), offset))
            moment += timedelta(hours=1)
        return Window(start.timestamp(), end.timestamp(), tuple(offsets))


def day_of(number: int) -> date:
    """The date of a local day number (days since 1970-01-01)."""
    return EPOCH + timedelta(days=number)
