"""`make bench-cluster`: the same chat load on one `make run` and on `make run-cluster`,
in the same run, on this machine.

Starts the assistant as `make run` does (action server, Rasa server on SQLite, bot.web)
on free loopback ports, plays each load through bot.web's WebSocket (scripts/bench_web.py)
and stops it; then starts the cluster (HAProxy, two of each service, PostgreSQL
databases of its own, dropped afterwards, and a Redis prefix of its own) and plays the
same loads through the load balancer. Prints throughput, median and p95 reply time and
errors of each; writes var/bench/cluster.json. On a 2-core machine both share the same
two cores: the figure says what the cluster costs, not what more machines would give.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sys
import tempfile
import threading
from pathlib import Path

import redis

from bot.cluster.balancer import wait_for
from bot.cluster.databases import drop_database, prepare
from bot.cluster.services import cluster_services
from bot.cluster.settings import ClusterSettings
from bot.credentials import ephemeral
from bot.paths import PROJECT_ROOT
from bot.processes import Service
from bot.supervisor import Supervisor
from scripts.bench_web import free_port, run, start_services

LOADS = {  # name: conversations, messages each, mean seconds between two messages
    "saturating": (50, 4, 0.0),
    "paced": (100, 3, 4.0),
}


def loads(url: str) -> dict[str, dict[str, object]]:
    results = {}
    for name, (conversations, messages, think) in LOADS.items():
        args = argparse.Namespace(conversations=conversations, messages=messages, think=think)
        results[name] = asyncio.run(run(url, args))
        print(f"  {name}: {_summary(results[name])}", flush=True)
    return results


def _summary(result: dict[str, object]) -> str:
    return (
        f"{result['throughput_msg_s']} messages/s, median {result['median_ms']} ms, p95 {result['p95_ms']} ms,"
        f" {result['errors']} errors ({result['answered']} answered in {result['duration_s']} s)"
    )


def single(tmp: Path) -> dict[str, dict[str, object]]:
    services: list[Service] = []
    try:
        print("One `make run`: action server, Rasa server (SQLite), bot.web...", flush=True)
        services = start_services(tmp)
        return loads(services[0].health_url.removesuffix("/healthz"))
    finally:
        for service in services:
            service.stop()


def cluster(tmp: Path) -> dict[str, dict[str, object]]:
    tag = secrets.token_hex(4)
    settings = ClusterSettings.on_ports(
        free_port,
        tracker_store_url=f"postgresql://postgres@127.0.0.1:5432/bench_tracker_{tag}",
        database_url=f"postgresql://postgres@127.0.0.1:5432/bench_tickets_{tag}",
        lock_db=0,
        state_db=0,
        state_prefix=f"bench-{tag}:",
        log_dir=tmp / "cluster",
        spool_dir=tmp / "spool",
        web_env={"WEB_RATE_LIMIT_ADDRESS": "1000000"},  # one machine plays every applicant
    )
    supervisor = Supervisor(cluster_services(settings, ephemeral()), threading.Event())
    try:
        print("The cluster: HAProxy, 2 Rasa servers (PostgreSQL, Redis lock store), 2 action servers, 2 bot.web...")
        prepare(settings.tracker_store_url, settings.database_url)
        supervisor.start_all(together=True, timeout=240)
        wait_for(settings.monitor_port, "UP")
        return loads(settings.web_url)
    finally:
        supervisor.stop_all()
        drop_database(settings.tracker_store_url)
        drop_database(settings.database_url)
        client = redis.Redis(host=settings.redis_host, port=settings.redis_port, db=settings.state_db)
        keys = list(client.scan_iter(match=f"{settings.state_prefix}*"))
        if keys:
            client.delete(*keys)


def main() -> int:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        report = {"single": single(Path(tmp)), "cluster": cluster(Path(tmp))}
    print("\nSame loads, same run (through bot.web's WebSocket):")
    for name in LOADS:
        for setup in ("single", "cluster"):
            print(f"  {name:10} {setup:8} {_summary(report[setup][name])}")
    out = PROJECT_ROOT / "var" / "bench" / "cluster.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"loads": LOADS, **report}, indent=2) + "\n")
    print(f"Written to {out.relative_to(PROJECT_ROOT)}")
    errors = sum(int(str(r["errors"])) for setup in report.values() for r in setup.values())
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
