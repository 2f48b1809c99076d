"""Shares per language and kind, latency, and the list of failures, printed or written."""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path

from scripts.conversation_eval.cases import FAQ_KIND
from scripts.conversation_eval.runner import ConversationResult

REPLY_CHARS = 300  # of a failing reply shown in -v and in the failure list


def share(results: Sequence[ConversationResult]) -> float:
    return sum(r.passed for r in results) / len(results) if results else 0.0


def _cell(results: Sequence[ConversationResult]) -> str:
    if not results:
        return f"{'-':>11}"
    return f"{sum(r.passed for r in results):>4}/{len(results):<3}{share(results):>4.0%}"


def table(results: Sequence[ConversationResult], langs: Sequence[str]) -> list[str]:
    """One line per kind and a total line: passed/total and share, per language."""
    kinds = list(dict.fromkeys(r.kind for r in results))
    lines = [f"{'kind':20}" + "".join(f"{lang:>13}" for lang in langs)]
    for kind in [*kinds, "all"]:
        row = [r for r in results if kind in ("all", r.kind)]
        lines.append(f"{kind:20}" + "".join(f"  {_cell([r for r in row if r.lang == lang])}" for lang in langs))
    return lines


def latencies(results: Iterable[ConversationResult]) -> list[float]:
    return sorted(t.seconds for r in results for t in r.turns if t.seconds is not None)


def latency_line(results: Iterable[ConversationResult]) -> str:
    times = latencies(results)
    if not times:
        return "latency per message: no message answered"
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return (
        f"latency per message: median {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms ({len(times)} messages)"
    )


def summary_line(results: Sequence[ConversationResult], langs: Sequence[str]) -> str:
    """Passed per language, the conversations and the FAQ set apart, then in all."""
    groups = {
        "conversations": [r for r in results if r.kind != FAQ_KIND],
        "faq": [r for r in results if r.kind == FAQ_KIND],
    }
    parts = []
    for group, members in groups.items():
        cells = [_fraction([r for r in members if r.lang == lang], lang) for lang in langs]
        if members:
            parts.append(f"{group}: {', '.join(c for c in cells if c)}")
    return f"passing {'; '.join(parts)}; all {_fraction(results, '')}"


def _fraction(results: Sequence[ConversationResult], label: str) -> str:
    if not results:
        return ""
    return f"{label} {sum(r.passed for r in results)}/{len(results)} ({share(results):.0%})".strip()


def failure_lines(result: ConversationResult) -> list[str]:
    """Every failing turn of `result`: what was said, why it fails, the reply."""
    lines = []
    for n, turn in enumerate(result.turns, 1):
        if turn.failures:
            lines.append(f"FAIL {result.id} turn {n}: {'; '.join(turn.failures)}")
            lines.append(f"  said:  {turn.say}")
            lines.append(f"  reply: {turn.reply[:REPLY_CHARS]!r}")
    return lines


def one_line_reason(result: ConversationResult) -> str:
    first = result.first_failure
    if first is None:
        return "passes"
    n, turn = first
    reply = " ".join(turn.reply.split())[:160]
    return f"turn {n} «{turn.say[:80]}»: {'; '.join(turn.failures)[:200]} — reply «{reply}»"


def write_json(path: Path, results: Sequence[ConversationResult]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [{**asdict(r), "passed": r.passed} for r in results]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


def write_failures(path: Path, results: Sequence[ConversationResult], langs: Sequence[str]) -> None:
    """A Markdown page: the table, latency, summary, and each failing id with its first reason."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ["# Conversation test set: results", "", "```", *table(results, langs), latency_line(results)]
    body += [summary_line(results, langs), "```", "", "## Failing conversations (first failing turn)", ""]
    body += [f"- `{r.id}` ({r.kind}) {one_line_reason(r)}" for r in results if not r.passed]
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
