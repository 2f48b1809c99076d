"""10,000 generated inputs to bot.web's chat WebSocket, with the real Rasa server behind it.

Hellos and frames of every kind (broken JSON, wrong types, ids and languages, binary
frames, texts with invisible, control and lone-surrogate characters, intent syntax,
oversized ones), on loopback. Every text frame must get its answer: a reply that says
something to a chat message, or a clear error ("invalid", "too_long"); never
"unavailable" (a Rasa failure), never a dropped connection, and every process keeps
running. The figures go to var/artifacts/fuzz/websocket.json.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Iterator

import aiohttp
import pytest

from bot.limits import max_message_chars
from bot.paths import PROJECT_ROOT
from bot.processes import Service, web_server
from tests.e2e.conftest import Assistant
from tests.e2e.fuzz.inputs import Generator
from tests.ports import free_port

INPUTS = 10_000
SOCKETS = 40  # each sends INPUTS / SOCKETS inputs, a hello first
MESSAGE_SHARE = 0.07  # chat messages go through Rasa (~0.1 s each); the rest stop at the gateway
CONCURRENCY = 4
DEADLINE_SECONDS = 300
UNLIMITED = {"WEB_RATE_LIMIT": "1000000", "WEB_RATE_LIMIT_ADDRESS": "1000000"}  # one machine plays everyone


@pytest.fixture(scope="module")
def web(assistant: Assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    tmp = tmp_path_factory.mktemp("fuzz-web")
    env = {**UNLIMITED, "DATABASE_URL": assistant.database_url, "MAIL_OUTBOX_DIR": str(tmp / "outbox")}
    service = web_server(free_port(), f"http://127.0.0.1:{assistant.rasa_port}", log=tmp / "web.log", env=env)
    service.start().wait_ready(timeout=60)
    yield service
    service.stop()


def expected(frame: str | bytes, kind: str) -> str | None:
    """What the gateway must answer to a frame: "reply", an error code, or None (nothing)."""
    if kind == "binary":
        return None
    if kind == "invalid":
        return "invalid"
    text = json.loads(frame)["text"]
    if not text.strip():
        return "invalid"
    return "too_long" if len(text) > max_message_chars() else "reply"


async def one_socket(
    session: aiohttp.ClientSession, url: str, origin: str, generator: Generator, count: int, tally: Counter[str]
) -> list[str]:
    problems: list[str] = []
    async with session.ws_connect(url, headers={"Origin": origin}, max_msg_size=0) as ws:
        await ws.send_str(generator.hello())
        welcome = await ws.receive_json(timeout=30)
        if welcome.get("type") != "welcome":
            return [f"no welcome: {welcome}"]
        tally["hello"] += 1
        for _ in range(count - 1):
            frame, kind = generator.frame(MESSAGE_SHARE)
            want = expected(frame, kind)
            sent = time.monotonic()
            if isinstance(frame, bytes):
                await ws.send_bytes(frame)
            else:
                await ws.send_str(frame)
            tally[kind] += 1
            if want is None:
                continue
            answer = await ws.receive(timeout=60)
            if answer.type != aiohttp.WSMsgType.TEXT:
                problems.append(f"connection lost after {frame[:80]!r}: {answer.type}")
                break
            data = json.loads(answer.data)
            got = "reply" if data.get("type") == "reply" else data.get("code")
            tally[f"answer:{got}"] += 1
            tally[f"ms:{got}"] += round((time.monotonic() - sent) * 1000)
            if got != want:
                problems.append(f"{want} expected, got {data} for {frame[:80]!r}")
            elif got == "reply" and not any(line.get("text", "").strip() for line in data["messages"]):
                problems.append(f"an empty reply to {frame[:80]!r}")
    return problems


async def fuzz(base: str) -> tuple[Counter[str], list[str]]:
    generator, tally = Generator(seed=1111), Counter[str]()
    url, per_socket = base.replace("http", "ws", 1) + "/chat/ws", INPUTS // SOCKETS
    limit = asyncio.Semaphore(CONCURRENCY)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None)) as session:

        async def bounded() -> list[str]:
            async with limit:
                return await one_socket(session, url, base, generator, per_socket, tally)

        found = await asyncio.wait_for(asyncio.gather(*(bounded() for _ in range(SOCKETS))), DEADLINE_SECONDS)
    return tally, [p for problems in found for p in problems]


def test_ten_thousand_generated_inputs_on_the_chat_websocket(assistant: Assistant, web: Service) -> None:
    started = time.monotonic()
    tally, problems = asyncio.run(fuzz(web.health_url.removesuffix("/healthz")))
    seconds = time.monotonic() - started
    services = (assistant.rasa, assistant.actions, web)
    exits = [s.name for s in services if not s.running]
    inputs = tally["hello"] + tally["message"] + tally["invalid"] + tally["binary"]
    replies = tally["answer:reply"] or 1
    counts = {k: v for k, v in sorted(tally.items()) if not k.startswith("ms:")}
    report = {
        "inputs": inputs, "seconds": round(seconds, 1), "process_exits": exits,
        "mean_reply_ms": round(tally["ms:reply"] / replies), "tally": counts, "problems": problems[:20],
    }  # fmt: skip
    out = PROJECT_ROOT / "var" / "artifacts" / "fuzz"
    out.mkdir(parents=True, exist_ok=True)
    (out / "websocket.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    assert inputs >= INPUTS and exits == [] and problems == [] and tally["answer:unavailable"] == 0, report
