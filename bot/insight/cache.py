"""Reports kept for a minute: the page and its plots (one request each) share one computation."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from bot.insight.figures import Report
from bot.insight.period import Period

TTL_SECONDS = 60.0
MAX_REPORTS = 16


class ReportCache:
    """Reports by period, dropped after `ttl` seconds or when more than `size` are kept."""

    def __init__(self, ttl: float = TTL_SECONDS, size: int = MAX_REPORTS, clock: Callable[[], float] = time.monotonic):
        self._ttl, self._size, self._clock = ttl, size, clock
        self._reports: OrderedDict[Period, tuple[float, Report]] = OrderedDict()

    def get(self, period: Period) -> Report | None:
        found = self._reports.get(period)
        if found is None or self._clock() - found[0] > self._ttl:
            self._reports.pop(period, None)
            return None
        return found[1]

    def put(self, report: Report) -> None:
        self._reports[report.period] = (self._clock(), report)
        self._reports.move_to_end(report.period)
        while len(self._reports) > self._size:
            self._reports.popitem(last=False)

    def clear(self) -> None:
        """Forget every report (the next page computes its figures again)."""
        self._reports.clear()
