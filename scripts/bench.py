"""`make bench`: latency, throughput, training time and memory, against `rasa init`'s bot.

Both assistants are trained from scratch and served on this machine in the same run, so
the comparison holds on a noisy machine. Messages go through Rasa's REST channel, one
conversation at a time and then CONCURRENCY at once. Prints a table; writes
var/bench/report.json.
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
import uuid
from pathlib import Path

import aiohttp

from bot.paths import PROJECT_ROOT
from bot.processes import RASA_BIN, Service, action_server, rasa_server

OUR_MESSAGES = [
    "Bonjour", "Quel est le budget de l'appel ?", "Qui peut participer ?", "Une asbl peut-elle participer ?",
    "Quelles sont les mesures prioritaires ?", "C'est quoi le Plan Next Tech ?", "Hoi", "Wat is de deadline?",
    "Mogen zelfstandigen deelnemen?", "Welke technologieën komen aan bod?", "Hoeveel jobs telt de sector?",
    "Wie heeft de oproep gelanceerd?",
]  # fmt: skip
INIT_MESSAGES = ["hello", "I am sad", "yes", "great", "are you a bot?", "goodbye", "hi", "not good", "no", "bye"]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(c) for c in out] + [g for c in out for g in children(int(c))]


async def conversation(session: aiohttp.ClientSession, url: str, messages: list[str], rounds: int) -> list[float]:
    sender, latencies = f"bench-{uuid.uuid4().hex[:8]}", []
    for i in range(rounds):
        started = time.perf_counter()
        async with session.post(url, json={"sender": sender, "message": messages[i % len(messages)]}) as response:
            response.raise_for_status()
            await response.json()
        latencies.append(time.perf_counter() - started)
    return latencies


async def load(port: int, messages: list[str], conversations: int, rounds: int) -> dict:
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    async with aiohttp.ClientSession() as session:
        await conversation(session, url, messages, 3)  # warm-up
        started = time.perf_counter()
        results = await asyncio.gather(*(conversation(session, url, messages, rounds) for _ in range(conversations)))
        elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r)
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "messages_per_s": len(latencies) / elapsed,
        "messages": len(latencies),
    }


def timed(command: list[str], cwd: Path) -> float:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(PROJECT_ROOT)}
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def measure(name: str, services: list[Service], port: int, messages: list[str], args: argparse.Namespace) -> dict:
    for s in services:
        s.start()
    try:
        for s in services:
            s.wait_ready()
        single = asyncio.run(load(port, messages, 1, args.rounds))
        concurrent = asyncio.run(load(port, messages, args.concurrency, args.rounds // 2))
        memory = {s.name: round(rss_mb(s.process.pid), 0) for s in services if s.process}
    finally:
        for s in services:
            s.stop()
    return {"name": name, "single": single, "concurrent": concurrent, "memory_mb": memory}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=100, help="messages per conversation (single run)")
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    report: dict = {"concurrency": args.concurrency}
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
        ours_port, actions_port, init_port = 5105, 5155, 5106
        tracker = f"sqlite:///{work / 'tracker.db'}"
        ours = measure(
            "ours",
            [action_server(actions_port, log=work / "actions.log"),
             rasa_server(ours_port, actions_port, tracker, model=work / "ours" / "bench.tar.gz",
                         log=work / "rasa.log")],
            ours_port, OUR_MESSAGES, args)  # fmt: skip
        init_model = next((work / "init" / "models").glob("*.tar.gz"))
        init = Service(
            "Rasa server",
            [str(RASA_BIN), "run", "--model", str(init_model), "--port", str(init_port), "-i", "127.0.0.1"],
            f"http://127.0.0.1:{init_port}/",
            log=work / "init.log",
            cwd=work / "init",  # its own endpoints.yml and credentials.yml
        )
        baseline = measure("rasa init", [init], init_port, INIT_MESSAGES, args)
        report["results"] = [ours, baseline]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_report(report)
    out = PROJECT_ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=1))


def print_report(report: dict) -> None:
    print(
        f"\ntraining from scratch: ours {report['train_s_ours']:.0f} s, rasa init {report['train_s_rasa_init']:.0f} s"
    )
    print(f"{'':12}{'1 conversation':>34}{report['concurrency']:>12} conversations at once")
    print(f"{'':12}{'median':>10}{'p95':>10}{'msg/s':>10}{'median':>14}{'p95':>10}{'msg/s':>10}   memory (MB)")
    for r in report["results"]:
        s, c = r["single"], r["concurrent"]
        print(f"{r['name']:12}{s['median_ms']:>8.0f}ms{s['p95_ms']:>8.0f}ms{s['messages_per_s']:>10.1f}"
              f"{c['median_ms']:>12.0f}ms{c['p95_ms']:>8.0f}ms{c['messages_per_s']:>10.1f}"
              f"   {r['memory_mb']}")  # fmt: skip
    ours, init = (r["single"]["median_ms"] for r in report["results"])
    print(f"our median / rasa init median: {ours / init:.2f} (bar: at most 2)")


if __name__ == "__main__":
    main()
