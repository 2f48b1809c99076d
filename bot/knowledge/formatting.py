"""Numbers, amounts and dates written the way each language writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any


class Formatter:
    """Formats facts with the `format:` section of a language's knowledge file."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec

    def number(self, value: float, decimals: int = 0) -> str:
        """1234567.8 -> "1.234.567,8" (Belgian style in both languages)."""
        text = f"{value:,.{decimals}f}"
        return text.replace(",", "\0").replace(".", self.spec["decimal"]).replace("\0", self.spec["thousands"])

    def decimal(self, value: float) -> str:
        """A number with as many decimals as it has (7.6 -> "7,6", 1.23 -> "1,23")."""
        decimals = len(repr(float(value)).split(".")[1].rstrip("0")) if float(value) % 1 else 0
        return self.number(value, decimals)

    def percent(self, value: float) -> str:
        return str(self.spec["percent"]).format(value=self.decimal(value))

    def euros(self, value: float) -> str:
        return str(self.spec["currency"]).format(value=self.number(value))

    def billions(self, value: float) -> str:
        # French writes "1,23 milliard" but "5,1 milliards": the singular is optional.
        pattern = self.spec.get("billion_singular") if value < 2 else None
        return str(pattern or self.spec["billion"]).format(value=self.decimal(value))

    def month(self, month: int) -> str:
        return str(self.spec["months"][month - 1])

    def date(self, day: dt.date) -> str:
        """2016-09-01 -> "1er septembre 2016" / "1 september 2016"."""
        number = str(self.spec["first_of_month"]) if day.day == 1 else str(day.day)
        return str(self.spec["date"]).format(day=number, month=self.month(day.month), year=day.year)
