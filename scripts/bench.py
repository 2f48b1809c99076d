"""`make bench`: our assistant against `rasa init`'s bot, in the same run on this machine.

Both are trained from scratch, then served on the same tracker store, SQLite and then
in memory (scripts/benchmark/bots.py), through Rasa's REST channel:
- the curve: one conversation of CURVE_LENGTH messages, the median time of the five
  messages up to message 1, 10, 50, 100 and 200 (flat: the 200th costs the 10th's);
- concurrency: 1, 20 and 50 new conversations at once, ROUNDS messages each: median,
  p95, messages per second, errors; ours and rasa init's alternate (ours, init, init,
  ours) and each figure is the mean of the two runs, so a busy moment hits both;
- ours with WORKERS Sanic workers and a Redis lock store (REDIS_HOST, REDIS_PORT), when
  Redis answers: the same concurrency on SQLite, measured once;
- memory of each process after the load, and the time from `make run` (environments and
  model present) to its first answer.
Prints the table; writes var/bench/report.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.paths import PROJECT_ROOT
from bot.processes import DEFAULT_MODEL, RASA_BIN, Service
from scripts.benchmark import bots, load, startup
from scripts.benchmark.memory import rss_mb
from scripts.benchmark.report import print_report

OUR_MESSAGES = [
    "Bonjour", "Quel est le budget de l'appel ?", "Qui peut participer ?", "Une asbl peut-elle participer ?",
    "Quelles sont les mesures prioritaires ?", "C'est quoi le Plan Next Tech ?", "Hoi", "Wat is de deadline?",
    "Mogen zelfstandigen deelnemen?", "Welke technologieën komen aan bod?", "Hoeveel jobs telt de sector?",
    "Wie heeft de oproep gelanceerd?",
]  # fmt: skip
INIT_MESSAGES = ["hello", "I am sad", "yes", "great", "are you a bot?", "goodbye", "hi", "not good", "no", "bye"]
CURVE_POINTS = [1, 10, 50, 100, 200]


def timed(command: list[str], cwd: Path) -> float:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(PROJECT_ROOT)}
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def _mean(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.mean(r[key] for r in runs) for key in runs[0]}


def measure_store(
    store: str, work: Path, models: dict[str, Path], ports: dict[str, int], args: argparse.Namespace
) -> dict[str, Any]:
    """Both assistants on `store`, started together, measured in turn."""
    served = {
        "ours": bots.ours(store, work, models["ours"], ports["ours"], ports["actions"]),
        "rasa init": bots.rasa_init(store, work, models["rasa init"], ports["rasa init"]),
    }
    port = {"ours": ports["ours"], "rasa init": ports["rasa init"]}
    messages = {"ours": OUR_MESSAGES, "rasa init": INIT_MESSAGES}
    services: list[Service] = [s for group in served.values() for s in group]
    for s in services:
        s.start()
    try:
        for s in services:
            s.wait_ready()
        result: dict[str, dict[str, Any]] = {name: {"curve": None, "concurrent": {}} for name in served}
        for name in served:
            print(f"  {store}: {name}, one conversation of {args.curve} messages...", flush=True)
            result[name]["curve"] = asyncio.run(load.curve(port[name], messages[name], args.curve, CURVE_POINTS))
        for at_once in args.concurrency:
            print(f"  {store}: {at_once} conversations at once...", flush=True)
            runs: dict[str, list[dict[str, float]]] = {name: [] for name in served}
            for name in ["ours", "rasa init", "rasa init", "ours"]:
                runs[name].append(asyncio.run(load.concurrent(port[name], messages[name], at_once, args.rounds)))
            for name in served:
                result[name]["concurrent"][at_once] = _mean(runs[name])
        for name, group in served.items():
            result[name]["memory_mb"] = {s.name: round(rss_mb(s.process.pid)) for s in group if s.process}
        return result
    finally:
        for s in services:
            s.stop()


def measure_workers(work: Path, model: Path, ports: dict[str, int], args: argparse.Namespace) -> dict[str, Any]:
    """Ours on SQLite with `args.workers` Sanic workers sharing Redis locks."""
    group = bots.ours("sqlite", work, model, ports["ours"], ports["actions"], args.workers, args.redis)
    for s in group:
        s.start()
    try:
        for s in group:
            s.wait_ready()
        result: dict[str, Any] = {"workers": args.workers, "concurrent": {}}
        for at_once in args.concurrency:
            print(f"  sqlite, {args.workers} workers: {at_once} conversations at once...", flush=True)
            result["concurrent"][at_once] = asyncio.run(
                load.concurrent(ports["ours"], OUR_MESSAGES, at_once, args.rounds)
            )
        result["memory_mb"] = {s.name: round(rss_mb(s.process.pid)) for s in group if s.process}
        return result
    finally:
        for s in group:
            s.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--curve", type=int, default=200, help="messages in the one long conversation")
    parser.add_argument("--rounds", type=int, default=10, help="messages per conversation when concurrent")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 20, 50])
    parser.add_argument("--stores", nargs="+", default=list(bots.STORES), choices=bots.STORES)
    parser.add_argument("--workers", type=int, default=2, help="Sanic workers of the Redis-locked run (1: none)")
    args = parser.parse_args()
    args.redis = (os.environ.get("REDIS_HOST", "127.0.0.1"), int(os.environ.get("REDIS_PORT", "6379")))
    base = int(os.environ.get("RASA_PORT", "5005"))
    ports = {"ours": base, "actions": int(os.environ.get("ACTIONS_PORT", "5055")), "rasa init": base + 1}
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    report: dict[str, Any] = {"rounds": args.rounds, "curve_points": CURVE_POINTS, "stores": {}}
    try:
        print("training our assistant from scratch...", flush=True)
        report["train_s_ours"] = timed(
            [str(RASA_BIN), "train", "--force", "--data", "data/nlu", "data/rules", "--out", str(work / "ours"),
             "--fixed-model-name", "bench"], PROJECT_ROOT)  # fmt: skip
        print("creating and training rasa init's bot...", flush=True)
        (work / "init").mkdir()
        report["train_s_rasa_init"] = timed(
            [str(RASA_BIN), "init", "--no-prompt", "--init-dir", str(work / "init")], work
        )
        models = {"ours": work / "ours" / "bench.tar.gz", "rasa init": work / "init"}
        for store in args.stores:
            report["stores"][store] = measure_store(store, work, models, ports, args)
        if args.workers > 1 and bots.redis_answers(args.redis):
            report["workers"] = measure_workers(work, models["ours"], ports, args)
        elif args.workers > 1:
            report["workers"] = {"error": f"Redis does not answer at {args.redis[0]}:{args.redis[1]}"}
        if DEFAULT_MODEL.exists():
            print("make run, until its first answer...", flush=True)
            web = int(os.environ.get("WEB_PORT", "8080"))
            report["make_run"] = startup.make_run(work, base + 2, base + 3, web)
        else:
            report["make_run"] = {"error": f"no {DEFAULT_MODEL.relative_to(PROJECT_ROOT)}: make run would train first"}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_report(report)
    out = PROJECT_ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
