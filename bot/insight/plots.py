"""The insight page's plots: matplotlib, drawn on the server as SVG (no script, no CDN).

Labels come from the console's texts in the reader's language; each plot has a table
beside it on the page, for screen readers and for exact figures.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.dates import DateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from bot.insight.figures import Report
from bot.tickets.statistics import RESPONSE_BUCKETS, WAITING

# Text stays text (smaller, crisp, the browser's font); fixed ids: the same SVG each time.
matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "insight", "font.size": 10})

INK, ACCENT, SECOND, MUTED = "#1d2330", "#0b5cad", "#e07b00", "#5b6475"
Texts = Mapping[str, str]


def _figure(height: float = 3.0) -> Figure:
    figure = Figure(figsize=(7.2, height), layout="constrained")
    figure.patch.set_alpha(0)
    return figure


def _svg(figure: Figure) -> str:
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def _plain(axes: Axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def activity(report: Report, t: Texts) -> str:
    """Conversations and applicant messages per day."""
    figure = _figure()
    axes = figure.add_subplot()
    days: list[Any] = [d.day for d in report.days]  # matplotlib plots dates
    axes.bar(days, [d.messages for d in report.days], color=ACCENT, alpha=0.35, label=t["insight_messages"])
    axes.plot(days, [d.conversations for d in report.days], color=ACCENT, marker="o", ms=3,
              label=t["insight_conversations"])  # fmt: skip
    axes.set_ylabel(t["insight_per_day"])
    axes.set_ylim(0, max([d.messages for d in report.days] + [1]) * 1.1)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(frameon=False, loc="upper left")
    figure.autofmt_xdate()
    axes.xaxis.set_major_formatter(DateFormatter("%d/%m"))  # type: ignore[no-untyped-call]  # unannotated in matplotlib
    _plain(axes)
    return _svg(figure)


def _bars(labels: list[str], values: list[float], axis_label: str, percent: bool = False) -> str:
    figure = _figure(0.45 * max(len(labels), 2) + 0.8)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))[::-1]
    bars = axes.barh(positions, values, color=ACCENT)
    axes.set_yticks(positions, labels)
    axes.set_xlabel(axis_label)
    axes.bar_label(bars, labels=[f"{v * 100:.0f} %" if percent else f"{v:g}" for v in values], padding=3, color=INK)
    if percent:
        axes.set_xlim(0, 1)
        axes.xaxis.set_major_formatter(PercentFormatter(1.0, symbol=" %"))
    else:
        axes.set_xlim(0, max([*values, 1]) * 1.1)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    _plain(axes)
    return _svg(figure)


def languages(report: Report, t: Texts) -> str:
    """Conversations per reply language."""
    codes = list(report.languages)
    labels = [t.get(f"ticket_language_{code}", code) for code in codes]
    return _bars(labels, [report.languages[c] for c in codes], t["insight_conversations"])


def topics(report: Report, t: Texts) -> str:
    """The intents asked most."""
    labels = [t.get(f"intent_{intent}", intent) for intent, _ in report.topics]
    return _bars(labels, [n for _, n in report.topics], t["insight_messages"])


def response_times(report: Report, t: Texts) -> str:
    """Hand-offs by the time staff took to reply."""
    names = [name for name, _ in RESPONSE_BUCKETS] + [WAITING]
    labels = [t[f"insight_bucket_{name}"] for name in names]
    return _bars(labels, [report.handoffs.buckets.get(n, 0) for n in names], t["insight_handoffs"])


def rates(report: Report, t: Texts) -> str:
    """Fallback, "the text does not say" and helpful rates, as shares."""
    found = {
        "insight_fallback_rate": report.fallback_rate,
        "insight_unanswered_rate": report.unanswered_rate,
        "insight_helpful_rate": report.helpful_rate,
    }
    shown = {key: value for key, value in found.items() if value is not None}
    return _bars([t[key] for key in shown], list(shown.values()), t["insight_share"], percent=True)


PLOTS: dict[str, Callable[[Report, Texts], str]] = {
    "activity": activity,
    "languages": languages,
    "topics": topics,
    "rates": rates,
    "response": response_times,
}
