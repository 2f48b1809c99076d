"""`make bench-insight`: the console's insight and review pages on PostgreSQL, 100.000 conversations.

Makes two temporary databases on the machine's PostgreSQL (TEST_POSTGRES_URL, default
postgresql://postgres@127.0.0.1:5432/test, used to create and drop them): a tracker store
filled the way Rasa 3.6 fills it (its `events` table and its sender_id index, events as
JSON text: session start, then per message the user event with its parse data, the language
slot, the action, the reply and action_listen) and a tickets database (hand-offs, replies,
votes). The data is generated inside PostgreSQL (generate_series). Then it times each SQL
aggregate, and the whole pages through the real bot.web application over HTTP (a staff
member logged in), for 30 and 90 days; median of three runs. Both databases are dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bot.insight.figures import compute
from bot.insight.period import Period
from bot.mail import FolderMailer
from bot.rasa_io import events_activity as activity
from bot.rasa_io.events_sql import add_read_index, events, open_tracker_store
from bot.review.queue import review_items
from bot.tickets.db import make_engine, upgrade
from bot.tickets.service import Desk
from bot.web.keys import LIVE, SETTINGS
from bot.web.live import LiveHub
from bot.web.settings import WebSettings
from bot.web.staff import setup_staff
from bot.web.staff.config import StaffConfig
from bot.web.staff.keys import REPORTS

ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
PASSWORD = "a long benchmark password"
INTENTS = [
    "ask_budget", "ask_deadline", "check_eligibility", "ask_measures", "ask_technologies", "ask_submission",
    "greet", "thank", "goodbye", "ask_purpose", "ask_next_tech", "ask_launcher", "ask_context_figures",
    "ask_more_info", "recommend_measure", "request_human", "affirm", "deny", "out_of_scope",
    "ask_unanswered", "nlu_fallback",
]  # fmt: skip
DAY = 86400


@contextmanager
def temporary_database(kind: str) -> Iterator[str]:
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"bench_{kind}_{secrets.token_hex(4)}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield str(make_url(ADMIN_URL).set(database=name))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# One statement per kind of event, each over every (conversation, message) pair. A
# conversation c has 1 + c % 6 messages (3.5 on average), 25 s apart; conversations start
# evenly over the 90 days before `now`; one message in 21 is not understood (nlu_fallback).
PAIRS = """
    FROM generate_series(1, :n) AS c
    CROSS JOIN LATERAL generate_series(1, 1 + c % 6) AS t
    CROSS JOIN LATERAL (SELECT
        :start + c * :spread + t * 25.0 AS ts,
        (ARRAY[{intents}])[1 + (c * 7 + t * 13) % {count}] AS intent,
        CASE WHEN c % 3 = 0 THEN 'nl' ELSE 'fr' END AS lang,
        -- as the live model: nearly always sure, unsure of one message in twenty
        CASE WHEN (c * 31 + t * 17) % 20 = 0 THEN 0.45 ELSE 0.9 + ((c + t) % 10) / 100.0 END AS confidence
    ) AS m
"""
USER_DATA = """json_build_object(
    'event', 'user', 'timestamp', ts, 'text', 'question ' || ((c * 7 + t * 13) % 4000),
    'metadata', json_build_object('language', lang, 'message_id', 'm' || c || '-' || t),
    'parse_data', json_build_object(
        'intent', json_build_object('name', intent, 'confidence', confidence),
        'entities', json_build_array(), 'text', 'question ' || ((c * 7 + t * 13) % 4000),
        'language', json_build_object('detected', lang, 'requested', NULL, 'page', lang),
        'intent_ranking', (SELECT json_agg(json_build_object('name', i, 'confidence', 0.01))
                           FROM unnest(ARRAY[{intents}]) AS i LIMIT 10)),
    'input_channel', 'rest')::text"""
ROWS = {
    "user": ("'user'", "intent", "NULL", USER_DATA),
    "slot": ("'slot'", "NULL", "'language'",
             "json_build_object('event', 'slot', 'name', 'language', 'value', lang, 'timestamp', ts)::text"),
    "action": ("'action'", "NULL", "'action_answer'",
               "json_build_object('event', 'action', 'name', 'action_answer', 'policy', 'RulePolicy')::text"),
    "bot": ("'bot'", "NULL", "NULL",
            "json_build_object('event', 'bot', 'text', repeat('Une réponse de l''assistant. ', 8))::text"),
    "action_listen": ("'action'", "NULL", "'action_listen'",
                      "json_build_object('event', 'action', 'name', 'action_listen')::text"),
}  # fmt: skip


def fill_tracker_store(url: str, conversations: int, now: float) -> int:
    engine = create_engine(url)
    events.metadata.create_all(engine)
    quoted = ", ".join(f"'{i}'" for i in INTENTS)
    pairs = PAIRS.format(intents=quoted, count=len(INTENTS))
    params = {"n": conversations, "start": now - 90 * DAY, "spread": 90 * DAY / conversations}
    with engine.begin() as connection:
        connection.execute(text("CREATE INDEX ix_events_sender_id ON events (sender_id)"))  # as Rasa's
        for offset, (kind, intent, action, data) in enumerate(ROWS.values()):
            connection.execute(
                text(
                    "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
                    f"SELECT 'conv-' || c, {kind}, ts + {offset * 0.01}, {intent}, {action}, "
                    f"{data.format(intents=quoted)} {pairs}"
                ),
                params,
            )
        connection.execute(text("ANALYZE events"))
        return int(connection.execute(text("SELECT count(*) FROM events")).scalar_one())


def fill_tickets(url: str, conversations: int, now: datetime) -> None:
    upgrade(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO staff (email, password_hash, role, active, created_at) "
            "VALUES ('bench@example.org', 'x', 'staff', true, now())"
        ))  # fmt: skip
        # A hand-off for one conversation in twenty; staff reply to four in five, 10 min to 3 days later.
        connection.execute(text("""
            INSERT INTO ticket (reference, idempotency_key, language, question, conversation_id, reply_channel,
                                status, created_at, updated_at)
            SELECT 'NT-' || lpad(c::text, 8, '0'), 'k' || c, CASE WHEN c % 3 = 0 THEN 'nl' ELSE 'fr' END,
                   'Une question ' || c, 'conv-' || c, 'chat', 'answered',
                   :start + c * :spread * interval '1 second', :start + c * :spread * interval '1 second'
            FROM generate_series(20, :n, 20) AS c"""), {"n": conversations, "start": now - timedelta(days=90),
                                                        "spread": 90 * DAY / conversations})  # fmt: skip
        connection.execute(text("""
            INSERT INTO reply (ticket_id, author_id, text, created_at, delivery_status, delivery_attempts)
            SELECT id, 1, 'Réponse', created_at + ((id * 37) % 4320 + 10) * interval '1 minute', 'not_needed', 0
            FROM ticket WHERE id % 5 <> 0"""))  # fmt: skip
        connection.execute(text("""
            INSERT INTO feedback (conversation_id, message_id, helpful, changes, intent, confidence, language,
                                  question, created_at, updated_at)
            SELECT 'conv-' || c, 'm' || c || '-1', c % 4 <> 0, 0, 'ask_budget', 0.8, 'fr', 'message',
                   :start + c * :spread * interval '1 second', :start + c * :spread * interval '1 second'
            FROM generate_series(5, :n, 5) AS c"""), {"n": conversations, "start": now - timedelta(days=90),
                                                      "spread": 90 * DAY / conversations})  # fmt: skip
    engine.dispose()


def timed(function: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    """Median seconds of `runs` calls, and the last result."""
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


async def page_times(settings: WebSettings, periods: dict[str, Period], runs: int) -> dict[str, float]:
    """Whole pages over HTTP from the real console: the insight page, its five plots, the review."""
    app = aiohttp.web.Application()
    app[SETTINGS], app[LIVE] = settings, LiveHub()
    setup_staff(
        app,
        config=StaffConfig(mail_retry_seconds=3600),
        mailer=FolderMailer(Path(tempfile.mkdtemp(prefix="bench-outbox-"))),
    )
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    found: dict[str, float] = {}
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            base = str(server.make_url("")).rstrip("/")
            login = await (await http.get(base + "/staff/login")).text()
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', login)
            assert csrf, "no CSRF token on the login page"
            token = csrf.group(1)
            await http.post(base + "/staff/login", data={"csrf_token": token, "email": "admin@example.org",
                                                         "password": PASSWORD})  # fmt: skip
            for name, period in periods.items():
                query = f"from={period.first}&to={period.last}"
                seconds = []
                for _ in range(runs):
                    app[REPORTS].clear()  # a cold page each time; its plots then share its figures
                    started = time.perf_counter()
                    page = await http.get(f"{base}/staff/insight?{query}")
                    assert page.status == 200, await page.text()
                    body = await page.text()
                    for src in re.findall(r'<img class="plot" src="([^"]+)"', body):
                        assert (await http.get(base + src.replace("&amp;", "&"))).status == 200
                    seconds.append(time.perf_counter() - started)
                found[f"insight page + 5 plots, {name}"] = statistics.median(seconds)
            days = (periods["90 days"].last - periods["90 days"].first).days + 1
            started = time.perf_counter()
            review = await http.get(f"{base}/staff/review?days={days}")
            assert review.status == 200
            found["review page, 90 days"] = time.perf_counter() - started
    finally:
        await server.close()
    return found


def time_queries(name: str, period: Period, engine: Engine, desk: Desk, runs: int) -> None:
    """Each aggregate alone, all figures together, and the review queue."""
    window = period.window()
    since, until = period.utc_bounds()
    with engine.connect() as connection:
        for label, query in (
            ("messages and conversations per day", partial(activity.daily_activity, connection, window)),
            ("totals", partial(activity.totals, connection, window)),
            ("conversations per language", partial(activity.conversations_per_language, connection, window)),
            ("topics (intents)", partial(activity.intent_counts, connection, window)),
            ("hand-offs and response times", partial(desk.handoff_stats, since, until)),
            ("helpful votes", partial(desk.helpful_counts, since, until)),
        ):
            seconds, _ = timed(query, runs)
            print(f"  {name}: {label:<38} {seconds * 1000:8.0f} ms")
    seconds, report = timed(partial(compute, engine, desk, period), runs)
    print(f"{name}: all figures {seconds * 1000:.0f} ms ({report.conversations} conversations, "
          f"{report.messages} messages, {report.handoffs.opened} hand-offs)")  # fmt: skip
    seconds, (_items, total) = timed(partial(review_items, engine, desk, period, 0.6), 1)
    print(f"{name}: review queue {seconds * 1000:.0f} ms ({total} groups)")


def main() -> int:
    logging.getLogger("bot.web.staff.rasa_api").setLevel(logging.ERROR)  # no Rasa server here, on purpose
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    now = datetime.now(timezone.utc)
    today = now.date()
    periods = {"30 days": Period.ending(today, 30), "90 days": Period.ending(today, 90)}
    with temporary_database("tracker") as tracker_url, temporary_database("bot") as bot_url:
        started = time.perf_counter()
        rows = fill_tracker_store(tracker_url, args.conversations, now.timestamp())
        fill_tickets(bot_url, args.conversations, now)
        print(f"{args.conversations} conversations, {rows} events, generated in {time.perf_counter() - started:.0f} s")
        desk = Desk(make_engine(bot_url))
        desk.add_staff("admin@example.org", PASSWORD, "admin")
        engine = open_tracker_store(tracker_url)
        assert engine is not None
        settings = WebSettings(database_url=bot_url, tracker_store_url=tracker_url, rasa_url="http://127.0.0.1:9")
        for indexed in (False, True):
            if indexed:
                started = time.perf_counter()
                add_read_index(tracker_url)
                vacuum = create_engine(tracker_url, isolation_level="AUTOCOMMIT")  # as autovacuum would
                with vacuum.connect() as connection:
                    connection.execute(text("VACUUM ANALYZE events"))
                vacuum.dispose()
                print(f"\nWith `bot db tracker-index` (made in {time.perf_counter() - started:.0f} s):")
            for name, period in periods.items():
                time_queries(name, period, engine, desk, args.runs)
            for label, seconds in asyncio.run(page_times(settings, periods, args.runs)).items():
                print(f"{label}: {seconds:.2f} s")
        engine.dispose()
        desk.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
