"""`make bench`'s table, with the ratios issue 14 sets bars for."""

from __future__ import annotations

from typing import Any

NAMES = ("ours", "rasa init")


def _curve(store: str, result: dict[str, Any], points: list[int]) -> None:
    print(f"\n[{store}] one conversation, median ms of the messages up to message n")
    print(f"{'':12}" + "".join(f"{'n=' + str(p):>9}" for p in points) + f"{'n=100 / n=10':>15}{'errors':>8}")
    for name in NAMES:
        curve = result[name]["curve"]
        at = {int(k): v for k, v in curve["median_ms_at"].items()}
        ratio = at[100] / at[10] if 100 in at and 10 in at else float("nan")
        print(f"{name:12}" + "".join(f"{at.get(p, float('nan')):>9.0f}" for p in points)
              + f"{ratio:>15.2f}{curve['errors']:>8}")  # fmt: skip


def _concurrent(store: str, result: dict[str, Any]) -> None:
    print(f"\n[{store}] conversations at once (mean of two runs each)")
    print(f"{'':8}{'':12}{'median':>9}{'p95':>9}{'msg/s':>8}{'errors':>8}")
    for at_once in result["ours"]["concurrent"]:
        runs = {name: result[name]["concurrent"][at_once] for name in NAMES}
        for name in NAMES:
            r = runs[name]
            print(f"{at_once:>6}  {name:12}{r['median_ms']:>7.0f}ms{r['p95_ms']:>7.0f}ms"
                  f"{r['messages_per_s']:>8.1f}{r['errors']:>8.0f}")  # fmt: skip
        ours, init = runs["ours"], runs["rasa init"]
        print(f"{'':8}{'ours/init':12}{ours['median_ms'] / init['median_ms']:>9.2f}"
              f"{ours['p95_ms'] / init['p95_ms']:>9.2f}{ours['messages_per_s'] / init['messages_per_s']:>8.2f}"
              "   (bars: median <= 1, msg/s >= 1)")  # fmt: skip


def _workers(workers: dict[str, Any], sqlite: dict[str, Any] | None) -> None:
    if "error" in workers:
        print(f"\n[sqlite, several workers] not measured: {workers['error']}")
    if "concurrent" not in workers:
        return
    print(f"\n[sqlite] ours with {workers['workers']} Sanic workers and Redis locks (one run each)")
    for at_once, r in workers["concurrent"].items():
        init = sqlite["rasa init"]["concurrent"].get(at_once) if sqlite else None
        ratios = ""
        if init:
            ratios = (f"   ours/init: median {r['median_ms'] / init['median_ms']:.2f},"
                      f" msg/s {r['messages_per_s'] / init['messages_per_s']:.2f}")  # fmt: skip
        print(f"{at_once:>6}  {'ours x' + str(workers['workers']):12}{r['median_ms']:>7.0f}ms{r['p95_ms']:>7.0f}ms"
              f"{r['messages_per_s']:>8.1f}{r['errors']:>8.0f}{ratios}")  # fmt: skip
    print(f"memory (MB): {workers['memory_mb']}")


def print_report(report: dict[str, Any]) -> None:
    ours, init = report["train_s_ours"], report["train_s_rasa_init"]
    print(f"\ntraining from scratch: ours {ours:.0f} s, rasa init {init:.0f} s")
    for store, result in report["stores"].items():
        _curve(store, result, report["curve_points"])
        _concurrent(store, result)
        print(f"[{store}] memory after the load (MB): " + "; ".join(f"{n} {result[n]['memory_mb']}" for n in NAMES))
    _workers(report.get("workers", {}), report["stores"].get("sqlite"))
    run = report.get("make_run", {})
    if "error" in run:
        print(f"\nmake run: {run['error']}")
    elif run:
        print(f"\nmake run -> first answer: {run['first_answer_s']:.1f} s; memory then (MB): {run['memory_mb']}")
