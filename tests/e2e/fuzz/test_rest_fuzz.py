"""10,000 generated requests to the real Rasa server's REST channel, on loopback.

Every well-formed request must get a 200 with a reply that says something, every other
one a 400/413 with a reason; never a 5xx, never silence, and the servers keep running.
The figures go to var/artifacts/fuzz/rest.json.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter

import aiohttp

from bot.paths import PROJECT_ROOT
from tests.e2e.conftest import Assistant
from tests.e2e.fuzz.inputs import Generator

INPUTS = 10_000
# Well-formed requests go through the NLU, the dialogue and the action server (~0.1 s
# each on this machine); the others stop at the channel. 7 % keeps the test near a minute.
WELL_FORMED_SHARE = 0.07
CONCURRENCY = 4
DEADLINE_SECONDS = 300  # bounded: a stuck server fails the test instead of hanging make test


async def _run(url: str, bodies: list[tuple[bytes, bool]]) -> tuple[Counter[int], list[str]]:
    statuses: Counter[int] = Counter()
    problems: list[str] = []
    queue: asyncio.Queue[tuple[int, bytes, bool]] = asyncio.Queue()
    for n, (body, ok) in enumerate(bodies):
        queue.put_nowait((n, body, ok))
    timeout = aiohttp.ClientTimeout(total=60)

    async def worker(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            n, body, ok = queue.get_nowait()
            async with session.post(url, data=body, headers={"Content-Type": "application/json"}) as response:
                statuses[response.status] += 1
                data = await response.read()
                if response.status >= 500:
                    problems.append(f"#{n}: HTTP {response.status} for {body[:120]!r}")
                elif ok and response.status != 200:
                    problems.append(f"#{n}: a good request refused ({response.status}): {body[:120]!r}")
                elif ok and not any(isinstance(r, dict) and (r.get("text") or "").strip() for r in json.loads(data)):
                    problems.append(f"#{n}: no reply to {body[:120]!r}")
                elif not ok and (response.status not in (400, 413) or "error" not in json.loads(data)):
                    problems.append(f"#{n}: a bad request not refused ({response.status}): {body[:120]!r}")

    async with aiohttp.ClientSession(timeout=timeout) as session:
        await asyncio.wait_for(asyncio.gather(*(worker(session) for _ in range(CONCURRENCY))), DEADLINE_SECONDS)
    return statuses, problems


def test_ten_thousand_generated_requests_get_an_answer_or_a_clear_refusal(assistant: Assistant) -> None:
    generator = Generator()
    bodies = [generator.rest_body(WELL_FORMED_SHARE) for _ in range(INPUTS)]
    started = time.monotonic()
    statuses, problems = asyncio.run(_run(f"http://127.0.0.1:{assistant.rasa_port}/webhooks/rest/webhook", bodies))
    seconds = time.monotonic() - started
    exits = [s.name for s in (assistant.rasa, assistant.actions) if not s.running]
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    report = {
        "inputs": INPUTS, "well_formed": sum(ok for _, ok in bodies), "seconds": round(seconds, 1),
        "process_exits": exits, "server_errors": server_errors, "statuses": dict(sorted(statuses.items())),
        "problems": problems[:20],
    }  # fmt: skip
    out = PROJECT_ROOT / "var" / "artifacts" / "fuzz"
    out.mkdir(parents=True, exist_ok=True)
    (out / "rest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    assert exits == [] and server_errors == 0 and problems == [], report
