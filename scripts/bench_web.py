"""`make bench-web`: many applicants chatting at once through bot.web's chat gateway.

Starts the action server, the Rasa server (SQLite tracker store in a temporary folder) and
bot.web on free loopback ports, unless `--url` points at a running bot.web. Then opens
CONVERSATIONS WebSockets at once; each says hello and asks MESSAGES questions, waiting for
each answer and "reading" it for a random THINK time (0 = as fast as possible). Prints the
median and p95 time from sending a message to receiving its answer, and the errors; writes
var/bench/web.json. Aim on this machine: no errors, p95 < 500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from bot.paths import PROJECT_ROOT
from bot.processes import Service, action_server, rasa_server, web_server

QUESTIONS = {
    "fr": ["Bonjour", "Quelle est la date limite ?", "Quel est le budget de l'appel ?", "Qui peut participer ?",
           "Une asbl peut-elle participer ?", "Quelles sont les mesures prioritaires ?", "Merci !"],
    "nl": ["Hallo", "Wat is de uiterste datum?", "Hoeveel budget is er?", "Wie mag deelnemen?",
           "Mag een vzw meedoen?", "Welke technologieën komen aan bod?", "Bedankt!"],
}  # fmt: skip
REPLY_TIMEOUT = 60.0


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def chat(session: aiohttp.ClientSession, url: str, n: int, args: argparse.Namespace, out: Results) -> None:
    """One applicant: a conversation of `args.messages` questions in one language."""
    lang = "fr" if n % 2 == 0 else "nl"
    rng = random.Random(n)
    origin = url.rstrip("/")
    socket_url = origin.replace("http", "ws", 1) + "/chat/ws"
    await asyncio.sleep(rng.uniform(0, args.think))  # applicants do not all arrive at once
    try:
        async with session.ws_connect(socket_url, headers={"Origin": origin}) as ws:
            await ws.send_json({"type": "hello", "conversation_id": "", "lang": lang})
            welcome = await ws.receive_json(timeout=REPLY_TIMEOUT)
            if welcome.get("type") != "welcome":
                out.errors.append(f"no welcome: {welcome}")
                return
            for i in range(args.messages):
                text = QUESTIONS[lang][(n + i) % len(QUESTIONS[lang])]
                started = time.perf_counter()
                await ws.send_json({"type": "message", "id": f"m{i}", "text": text, "lang": lang})
                reply = await ws.receive_json(timeout=REPLY_TIMEOUT)
                elapsed = time.perf_counter() - started
                if reply.get("type") != "reply" or not reply.get("messages"):
                    out.errors.append(f"{reply.get('type')}: {reply.get('code')} ({text!r})")
                else:
                    out.latencies.append(elapsed)
                await asyncio.sleep(rng.uniform(args.think / 2, args.think * 1.5) if args.think else 0)
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        out.errors.append(f"connection: {error!r}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def run(url: str, args: argparse.Namespace) -> dict[str, object]:
    out = Results()
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        await chat(session, url, 10_001, argparse.Namespace(**{**vars(args), "messages": 2, "think": 0}), Results())
        started = time.perf_counter()
        await asyncio.gather(*(chat(session, url, n, args, out) for n in range(args.conversations)))
        duration = time.perf_counter() - started
    lat = out.latencies
    return {
        "conversations": args.conversations,
        "messages_per_conversation": args.messages,
        "think_seconds": args.think,
        "answered": len(lat),
        "errors": len(out.errors),
        "error_samples": sorted(set(out.errors))[:5],
        "duration_s": round(duration, 1),
        "throughput_msg_s": round(len(lat) / duration, 1) if duration else 0.0,
        "median_ms": round(statistics.median(lat) * 1000) if lat else None,
        "p95_ms": round(percentile(lat, 0.95) * 1000) if lat else None,
        "max_ms": round(max(lat) * 1000) if lat else None,
    }


def start_services(tmp: Path) -> list[Service]:
    """Action server, Rasa server and bot.web, as `make run` starts them, on free ports."""
    rasa_port, actions_port, web_port = free_port(), free_port(), free_port()
    actions = action_server(actions_port, log=tmp / "actions.log").start()
    rasa = rasa_server(rasa_port, actions_port, f"sqlite:///{tmp / 'tracker.db'}", log=tmp / "rasa.log").start()
    actions.wait_ready()
    rasa.wait_ready()
    # One machine plays every applicant: the per-address limit would stop it, not Rasa.
    env = {"WEB_RATE_LIMIT_ADDRESS": "1000000", "DATABASE_URL": f"sqlite:///{tmp / 'bot.db'}"}
    web = web_server(web_port, f"http://127.0.0.1:{rasa_port}", log=tmp / "web.log", env=env)
    web.start().wait_ready()
    return [web, rasa, actions]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--messages", type=int, default=3, help="questions per conversation")
    parser.add_argument("--think", type=float, default=10.0, help="mean seconds between two questions")
    parser.add_argument("--url", help="a running bot.web (its per-address rate limit must allow the load)")
    args = parser.parse_args()
    services: list[Service] = []
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        try:
            if args.url:
                url = args.url
            else:
                print("Starting the action server, the Rasa server and bot.web...", flush=True)
                services = start_services(Path(tmp))
                url = services[0].health_url.removesuffix("/healthz")
            print(f"{args.conversations} conversations x {args.messages} messages, think ~{args.think:g} s", flush=True)
            report = asyncio.run(run(url, args))
        finally:
            for service in services:
                service.stop()
    for key, value in report.items():
        print(f"  {key:26} {value}")
    out = PROJECT_ROOT / "var" / "bench" / "web.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Written to {out.relative_to(PROJECT_ROOT)}")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
