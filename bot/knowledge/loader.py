"""Loading and checking the knowledge files, and the facts as placeholders for answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.formatting import Formatter
from bot.paths import data_dir
from bot.settings import bot_settings


def _read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


@dataclass(frozen=True)
class Knowledge:
    """Facts of the call plus the wording of one language."""

    lang: str
    facts: Mapping[str, Any]
    wording: Mapping[str, Any]
    vocabulary: Mapping[str, Any]

    @property
    def fmt(self) -> Formatter:
        return Formatter(self.wording["format"])

    @property
    def deadline(self) -> dt.date:
        """The last day to submit; the CALL_DEADLINE setting (YYYY-MM-DD) overrides the file."""
        override = bot_settings().call_deadline
        if override:
            return override
        value = self.facts["deadline"]
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))

    def answer(self, key: str, **extra: Any) -> str:
        """The sentence `answers.<key>` with every fact filled in."""
        return str(self.wording["answers"][key]).format(**self.placeholders(), **extra)

    def placeholders(self) -> dict[str, str]:
        """Every fact of call.yml, formatted for this language."""
        f, fig, fmt = self.facts, self.facts["figures"], self.fmt
        return {
            "budget": fmt.euros(f["budget_eur"]),
            "deadline": fmt.date(self.deadline),
            "minister": str(f["minister"]),
            "next_tech_measures": str(f["next_tech"]["measures"]),
            "measures_count": str(len(f["measures"])),
            "technologies_count": str(len(f["technologies"])),
            "next_tech_launch": f"{fmt.month(f['next_tech']['launch_month'])} {f['edition_year']}",
            "ict_companies": fmt.number(fig["ict_companies"]),
            "very_small_share": fmt.percent(fig["very_small_share_pct"]),
            "very_small_max_employees": str(fig["very_small_max_employees"]),
            "gdp_share": fmt.percent(fig["gdp_share_pct"]),
            "gdp_value": fmt.billions(fig["gdp_value_bn_eur"]),
            "wallonia_value": fmt.billions(fig["wallonia_value_bn_eur"]),
            "wallonia_share": fmt.percent(fig["wallonia_gdp_share_pct"]),
            "tech_jobs": fmt.number(fig["tech_jobs"]),
            "jobs_ict": fmt.percent(fig["jobs_ict_pct"]),
            "jobs_related": fmt.percent(fig["jobs_related_pct"]),
            "jobs_installation": fmt.percent(fig["jobs_installation_pct"]),
        }


@cache
def load_knowledge(lang: str) -> Knowledge:
    """The knowledge of `lang` (a supported language: bot.language.languages), read once per process."""
    root = data_dir()
    return Knowledge(
        lang=lang,
        facts=_read(root / "knowledge" / "call.yml"),
        wording=_read(root / "knowledge" / f"{lang}.yml"),
        vocabulary=_read(root / "vocabulary" / f"{lang}.yml"),
    )
