"""100 applicants chatting through the load balancer's WebSocket while one Rasa server is
killed (SIGKILL) and brought back by the supervisor: every message answered by its own
answer, in order, and every conversation's history whole afterwards. Then one
conversation's messages sent all at once to both Rasa servers: answered one at a time."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import aiohttp

from bot.credentials import ephemeral
from tests.e2e.cluster.applicant import Applicant
from tests.e2e.cluster.conftest import Cluster
from tests.e2e.cluster.questions import QUESTIONS, answers

CONVERSATIONS = 100
MESSAGES = 5  # 2 before the kill, 1 during, 2 once the server is back
REPLAYED = "had been answered already"  # what bot/rasa_plugins/resent_messages.py logs


async def _round(applicants: list[Applicant], index: int, replies: dict[int, list[dict[str, Any]]]) -> None:
    async def one(n: int, applicant: Applicant) -> None:
        text = QUESTIONS[applicant.lang][index][0]
        replies[n].append(await applicant.ask(f"m{index}", text))

    await asyncio.gather(*(one(n, a) for n, a in enumerate(applicants)))


def _applicant_lines(history: list[dict[str, Any]]) -> list[str]:
    # Each message once: one the killed server had stored before it could answer, sent
    # again by the page, gets its stored replies (bot/rasa_plugins/resent_messages.py).
    return [line["text"] for line in history if line["role"] == "applicant"]


def _answered_from_the_tracker(cluster: Cluster) -> int:
    """Messages sent again that a Rasa server found answered already (their logs)."""
    logs = sorted(cluster.logs.glob("rasa*.log"))
    return sum(path.read_text(errors="replace").count(REPLAYED) for path in logs)


async def test_conversations_survive_a_rasa_server_killed_and_brought_back(cluster: Cluster) -> None:
    started = time.monotonic()
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        applicants = [Applicant(session, cluster.web_url, "fr" if n % 2 else "nl") for n in range(CONVERSATIONS)]
        await asyncio.gather(*(a.connect() for a in applicants))
        replies: dict[int, list[dict[str, Any]]] = {n: [] for n in range(CONVERSATIONS)}
        rounds: list[float] = []

        async def timed(index: int) -> None:
            began = time.monotonic()
            await _round(applicants, index, replies)
            rounds.append(time.monotonic() - began)

        await timed(0)
        await timed(1)
        rasa1 = cluster.service("Rasa server 1")
        pid = rasa1.pid
        assert pid is not None
        middle = asyncio.create_task(timed(2))
        await asyncio.sleep(1.0)  # messages of the third round in flight on both servers
        os.killpg(pid, signal.SIGKILL)
        killed = time.monotonic()
        out = await asyncio.to_thread(cluster.wait_state, "rasa/rasa1", "DOWN", 10)
        await middle
        await asyncio.to_thread(cluster.wait_state, "rasa/rasa1", "UP", 120)
        back = time.monotonic() - killed
        assert rasa1.pid != pid  # the supervisor started a new one
        for index in (3, 4):
            await timed(index)
        # Each page opened again (the load balancer may send it to the other bot.web):
        # the history comes from the shared tracker store.
        for applicant in applicants:
            await applicant.close()
            applicant.ws = None
        welcomes = await asyncio.gather(*(a.connect() for a in applicants))
        await asyncio.gather(*(a.close() for a in applicants))
    retried = sum(a.retries for a in applicants)
    print(
        f"\n{CONVERSATIONS} conversations x {MESSAGES} messages in {time.monotonic() - started:.0f} s (rounds:"
        f" {', '.join(f'{r:.0f}' for r in rounds)} s); Rasa server 1 out of the load balancer {out:.1f} s after"
        f" SIGKILL, back in {back:.0f} s; {retried} messages sent again, {_answered_from_the_tracker(cluster)} of"
        " them stored already"
    )
    for n, applicant in enumerate(applicants):
        lang = applicant.lang
        got = replies[n]
        assert [r["id"] for r in got] == [f"m{i}" for i in range(MESSAGES)]
        for i, reply in enumerate(got):
            text = "\n".join(line["text"] for line in reply["messages"])
            assert reply["type"] == "reply" and answers(i, lang, text), (n, i, reply)
        history = welcomes[n]["history"]
        assert _applicant_lines(history) == [q for q, _ in QUESTIONS[lang][:MESSAGES]], (n, history)
        assistant_lines = [line["text"] for line in history if line["role"] == "assistant"]
        assert all(any(answers(i, lang, t) for t in assistant_lines) for i in range(MESSAGES)), (n, history)


def _post(url: str, sender: str, text: str, message_id: str | None = None) -> list[dict[str, Any]]:
    metadata = {"language": "fr", **({"message_id": message_id} if message_id else {})}
    body = json.dumps({"sender": sender, "message": text, "metadata": metadata}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        replies: list[dict[str, Any]] = json.load(response)
        return replies


def test_one_conversations_messages_are_never_handled_by_two_rasa_servers_at_once(cluster: Cluster) -> None:
    """Redis's lock store: sent together through the load balancer (round robin over both
    servers), the messages are handled one after the other: in the tracker each message is
    followed by its own answer before the next message, and none is lost."""
    sender = f"lock-{uuid.uuid4().hex[:12]}"
    questions = [q for q, _ in QUESTIONS["fr"]] * 2
    webhook = f"{cluster.rasa_url}/webhooks/rest/webhook"
    with ThreadPoolExecutor(len(questions)) as pool:
        results = list(pool.map(lambda q: _post(webhook, sender, q), questions))
    for i, replies in enumerate(results):
        assert answers(i % 6, "fr", "\n".join(r.get("text", "") for r in replies)), (i, replies)
    events = _events(cluster, sender)
    turns: list[tuple[str, list[str]]] = []
    for event in events:
        if event["event"] == "user":
            turns.append((event["text"], []))
        elif event["event"] == "bot" and turns:
            turns[-1][1].append(event.get("text") or "")
    assert sorted(text for text, _ in turns) == sorted(questions)  # none lost, none twice
    for text, bot_texts in turns:
        index = next(i for i, (q, _) in enumerate(QUESTIONS["fr"]) if q == text)
        assert any(answers(index, "fr", t) for t in bot_texts), (text, bot_texts)


def _events(cluster: Cluster, sender: str) -> list[dict[str, Any]]:
    token = ephemeral().rasa_token
    with urllib.request.urlopen(f"{cluster.rasa_url}/conversations/{sender}/tracker?token={token}", timeout=30) as r:
        events: list[dict[str, Any]] = json.load(r)["events"]
        return events


def test_a_message_sent_again_with_its_id_is_answered_from_the_tracker_by_either_server(cluster: Cluster) -> None:
    """What the page does when a server was killed after it stored a message but before it
    answered: the same message, same id, sent again (round robin: to the other server too).
    Each copy gets the first answer; the conversation holds the message once. A client that
    sends no id has each message handled."""
    webhook = f"{cluster.rasa_url}/webhooks/rest/webhook"
    question = QUESTIONS["fr"][0][0]
    sender = f"again-{uuid.uuid4().hex[:12]}"
    replies = [_post(webhook, sender, question, "m0") for _ in range(3)]
    assert answers(0, "fr", "\n".join(r.get("text", "") for r in replies[0])), replies
    assert replies[1] == replies[0] and replies[2] == replies[0]
    assert [e["text"] for e in _events(cluster, sender) if e["event"] == "user"] == [question]
    anonymous = f"no-id-{uuid.uuid4().hex[:12]}"
    for _ in range(2):
        assert answers(0, "fr", "\n".join(r.get("text", "") for r in _post(webhook, anonymous, question)))
    assert [e["text"] for e in _events(cluster, anonymous) if e["event"] == "user"] == [question, question]
