"""Security properties of the console, each checked directly."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.mail import Mailer
from bot.tickets.service import Desk, TicketRequest
from bot.web.settings import WebSettings
from bot.web.staff.auth import PUBLIC_ROUTES
from bot.web.staff.csrf import LOGIN_COOKIE
from bot.web.staff.keys import SESSIONS, STAFF_APP, THROTTLE
from bot.web.staff.permissions import ROUTE_ROLES
from bot.web.staff.sessions import COOKIE_NAME, SessionStore
from bot.web.staff.throttle import LoginThrottle
from tests.integration.web_staff.support import PASSWORD, Browser, build_app

PLACEHOLDER = re.compile(r"\{(\w+)(?::[^}]*)?\}")
SAMPLES = {
    "reference": "PNT-ABCD-2345",
    "reply_id": "1",
    "staff_id": "1",
    "filename": "staff.css",
    "plot": "activity",
    "annotation_id": "1",
}
# Written out here rather than read from permissions.ROUTE_ROLES, so that the table is checked.
ADMIN_ROUTES = {"accounts", "create_account", "set_active", "reset_password", "audit"}
TICKET_ROUTES = {"queue", "ticket", "assign", "add_note", "reply", "close", "retry_delivery"}
LEARNING_ROUTES = {"review", "annotate", "undo_annotation"}
REFUSED = {
    "staff": ADMIN_ROUTES | LEARNING_ROUTES,
    "maintainer": ADMIN_ROUTES | TICKET_ROUTES,
    "admin": set(),
}


def console_routes(app: web.Application) -> list[tuple[str, str, str]]:
    """(route name, method, sample path) of every console route, HEAD left out."""
    routes = []
    for route in app[STAFF_APP].router.routes():
        if route.method == "HEAD":
            continue
        info = route.resource.get_info() if route.resource else {}
        path = info.get("formatter") or info.get("path") or info.get("prefix", "")
        if "prefix" in info and "formatter" not in info:  # static files
            path = f"{info['prefix']}/staff.css"
        path = PLACEHOLDER.sub(lambda m: SAMPLES[m.group(1)], path)
        routes.append((str(route.name), route.method, path))
    return routes


async def test_every_console_route_but_login_and_static_requires_login(console: TestClient[Any, Any]) -> None:
    routes = console_routes(console.app)
    assert len(routes) >= 16
    public = set()
    for name, method, path in routes:
        assert path.startswith("/staff/"), path
        response = await console.request(method, path, allow_redirects=False, data={"csrf_token": "x"})
        if response.status == 302 and response.headers["Location"].startswith("/staff/login"):
            continue
        public.add((name, method))
    assert public == {("login", "GET"), ("login_submit", "POST"), ("static", "GET")}
    assert {name for name, _method in public} == PUBLIC_ROUTES


async def test_no_route_under_staff_outside_the_console(console: TestClient[Any, Any]) -> None:
    # A route added to the main application under /staff would escape the console's middlewares.
    for resource in console.app.router.resources():
        if resource.get_info().get("app") is console.app[STAFF_APP]:
            continue
        assert not resource.canonical.startswith("/staff"), resource.canonical


@pytest.mark.parametrize("role", sorted(REFUSED))
async def test_each_role_is_refused_exactly_the_routes_it_may_not_use(browser: Browser, desk: Desk, role: str) -> None:
    account = desk.add_staff(f"{role}@example.org", PASSWORD, role)
    await browser.login(f"{role}@example.org")
    await browser.get("/staff/insight")  # a page every role may see: its CSRF token
    refused, redirected = set(), set()
    for name, method, path in console_routes(browser.client.app):
        if name in PUBLIC_ROUTES | {"logout"}:
            continue
        response = await browser.client.request(
            method, path, data={"csrf_token": browser.token, "password": PASSWORD * 2}, allow_redirects=False
        )
        if response.status == 403:
            refused.add(name)
        elif response.status == 302 and response.headers["Location"] == "/staff/review":
            redirected.add(name)
    if role == "maintainer":  # the console's front door sends maintainers to their page
        assert "queue" in redirected
        refused.add("queue")
    assert refused == REFUSED[role]
    staff = desk.get_staff(account.id)
    assert staff is not None and staff.active


async def test_every_console_route_has_its_roles(console: TestClient[Any, Any]) -> None:
    routes = {name for name, _method, _path in console_routes(console.app)}
    assert routes - PUBLIC_ROUTES == set(ROUTE_ROLES)


async def test_every_post_needs_the_session_csrf_token(browser: Browser, agent: Any, desk: Desk) -> None:
    desk.open_ticket(TicketRequest("k1", "conv-1", "fr", "Question ?", None, "chat"))
    reference = desk.queue()[0].reference
    await browser.login("agent@example.org")
    await browser.get("/staff/")
    for _name, method, path in console_routes(browser.client.app):
        if method != "POST":
            continue
        path = path.replace(SAMPLES["reference"], reference)
        for data in ({}, {"csrf_token": "wrong"}, {"csrf_token": browser.token + "x"}):
            response = await browser.client.post(path, data={**data, "text": "hello"}, allow_redirects=False)
            assert response.status == 403, (path, data)
    detail = desk.detail(reference)
    assert detail is not None and not detail.notes and not detail.replies
    assert detail.ticket.status == "open" and detail.ticket.assignee_email is None


async def test_login_form_needs_its_csrf_token(browser: Browser, agent: Any) -> None:
    response = await browser.client.post(
        "/staff/login", data={"email": "agent@example.org", "password": PASSWORD}, allow_redirects=False
    )
    assert response.status == 403
    await browser.get("/staff/login")
    response = await browser.client.post(
        "/staff/login",
        data={"email": "agent@example.org", "password": PASSWORD, "csrf_token": "forged"},
        allow_redirects=False,
    )
    assert response.status == 403


async def _session_cookie(settings: WebSettings, mailer: Mailer) -> str:
    client: TestClient[Any, Any] = TestClient(TestServer(build_app(settings, mailer), host="127.0.0.1"))
    await client.start_server()
    try:
        browser = Browser(client)
        await browser.get("/staff/login")
        # A Secure cookie is not sent back over the test's plain HTTP: send it by hand.
        response = await browser.post(
            "/staff/login",
            {"email": "agent@example.org", "password": PASSWORD},
            headers={"Cookie": f"{LOGIN_COOKIE}={browser.token}"},
        )
        assert response.status == 302
        cookie: str = next(v for v in response.headers.getall("Set-Cookie") if v.startswith(COOKIE_NAME + "="))
        return cookie
    finally:
        await client.close()


async def test_session_cookie_flags(settings: WebSettings, smtp: Any, agent: Any) -> None:
    plain = await _session_cookie(settings, smtp[1])
    assert "HttpOnly" in plain
    assert "SameSite=Strict" in plain
    assert "Path=/staff" in plain
    assert "Secure" not in plain
    secure = await _session_cookie(
        WebSettings(database_url=settings.database_url, rasa_url=settings.rasa_url, secure_cookies=True), smtp[1]
    )
    assert "Secure" in secure and "HttpOnly" in secure and "SameSite=Strict" in secure


async def test_sessions_are_server_side_random_and_hashed(browser: Browser, agent: Any) -> None:
    await browser.login("agent@example.org")
    token = next(c.value for c in browser.client.session.cookie_jar if c.key == COOKIE_NAME)
    assert len(token) >= 40 and str(agent.id) != token
    store = browser.client.app[SESSIONS]
    assert await store.get(token) is not None
    assert token not in repr(store.__dict__)  # only the hash is kept
    # Logging out makes the old cookie worthless even if replayed.
    await browser.get("/staff/")
    await browser.post("/staff/logout")
    browser.client.session.cookie_jar.update_cookies({COOKIE_NAME: token})
    response = await browser.client.get("/staff/", allow_redirects=False)
    assert response.status == 302


async def test_sessions_expire_when_idle_and_at_most_after_max_age() -> None:
    now = [1000.0]
    store = SessionStore(idle_seconds=60, max_seconds=300, clock=lambda: now[0])
    token, _session = await store.create(1, "fr")
    now[0] += 59
    assert await store.get(token) is not None
    now[0] += 61
    assert await store.get(token) is None
    token, _session = await store.create(1, "fr")
    for _ in range(6):  # used every 50 s: never idle, but 300 s old
        now[0] += 50
        assert await store.get(token) is not None
    now[0] += 1
    assert await store.get(token) is None


async def test_disabled_account_is_logged_out_at_once(browser: Browser, agent: Any, admin: Any, desk: Desk) -> None:
    await browser.login("agent@example.org")
    assert (await browser.get("/staff/"))[0] == 200
    desk.set_active(agent.id, False, admin.id)
    response = await browser.client.get("/staff/", allow_redirects=False)
    assert response.status == 302


class RecordedSleep:
    """The throttle's waits, recorded instead of slept; `hold` keeps one going until released."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.hold: asyncio.Event | None = None

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.hold is not None:
            await self.hold.wait()


def throttled_app(settings: WebSettings, smtp: Any, sleep: RecordedSleep) -> web.Application:
    app = build_app(settings, smtp[1])
    app[THROTTLE] = LoginThrottle(free_failures=5, first_delay=1, max_delay=30, sleep=sleep)
    return app


def own_cookies(client: TestClient[Any, Any]) -> aiohttp.ClientSession:
    """Another browser on the same address: the same server, a cookie jar of its own."""
    return aiohttp.ClientSession(base_url=str(client.make_url("")), cookie_jar=aiohttp.CookieJar(unsafe=True))


async def test_wrong_passwords_slow_the_pair_down_but_never_lock_the_right_one_out(
    settings: WebSettings, smtp: Any, agent: Any, desk: Desk
) -> None:
    sleep = RecordedSleep()
    async with TestClient(TestServer(throttled_app(settings, smtp, sleep), host="127.0.0.1")) as client:
        browser = Browser(client)
        for _ in range(8):
            assert (await browser.login("agent@example.org", "wrong password!")).status == 401
        assert sleep.waits == [1, 2, 4]  # the 6th, 7th and 8th attempts waited, doubling
        assert (await browser.login("agent@example.org")).status == 302  # after 8 s, not refused
        assert sleep.waits[-1] == 8
        actions = [entry.action for entry in desk.audit_log()]
        assert actions.count("login_failed") == 8 and actions.count("login_throttled") == 1  # the alert
        async with own_cookies(client) as other:
            other_browser = Browser(other)  # type: ignore[arg-type]  # a session serves Browser's get and post
            assert (await other_browser.login("agent@example.org", "wrong once more")).status == 401
        assert len(sleep.waits) == 4  # a success started the pair afresh: no wait


async def test_guessing_from_a_shared_address_does_not_slow_a_person_down(
    settings: WebSettings, smtp: Any, agent: Any
) -> None:
    sleep = RecordedSleep()
    async with TestClient(TestServer(throttled_app(settings, smtp, sleep), host="127.0.0.1")) as client:
        person = Browser(client)  # the robot is on the same address (a proxy, an office)
        assert (await person.login("agent@example.org")).status == 302  # this browser is now known
        async with own_cookies(client) as jar:
            robot = Browser(jar)  # type: ignore[arg-type]  # as above
            for n in range(25):
                assert (await robot.login(f"guess{n}@example.org", "whatever pass")).status == 401
            for _ in range(10):
                assert (await robot.login("agent@example.org", "guessing away")).status == 401
        robot_waits = len(sleep.waits)
        assert robot_waits == 5  # only the robot's pair on the agent's account was slowed
        assert (await person.login("agent@example.org")).status == 302
        assert len(sleep.waits) == robot_waits  # the known browser waited for nothing


async def test_attempts_in_parallel_on_one_pair_wait_their_turn_and_no_more(
    settings: WebSettings, smtp: Any, agent: Any
) -> None:
    sleep = RecordedSleep()
    async with TestClient(TestServer(throttled_app(settings, smtp, sleep), host="127.0.0.1")) as client:
        robot = Browser(client)
        for _ in range(5):
            await robot.login("agent@example.org", "wrong password!")
        sleep.hold = asyncio.Event()
        await robot.get("/staff/login")
        attempts = [asyncio.create_task(robot.post("/staff/login", {"email": "agent@example.org", "password": "x"}))
                    for _ in range(3)]  # fmt: skip
        while not sleep.waits:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)
        sleep.hold.set()
        statuses = sorted([(await attempt).status for attempt in attempts])
        assert statuses == [401, 401, 429]  # one checked, one waited its turn, one refused at once


async def test_security_headers_on_pages_errors_and_static(browser: Browser, agent: Any) -> None:
    await browser.login("agent@example.org")
    for path in ("/staff/login", "/staff/", "/staff/tickets/PNT-NONE-0000", "/staff/nothing-here"):
        response = await browser.client.get(path, allow_redirects=False)
        headers = response.headers
        assert headers["Content-Security-Policy"].startswith("default-src 'self'"), path
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cache-Control"] == "no-store"
    _status, body = await browser.get("/staff/")
    css = re.search(r'href="(/staff/static/staff\.css[^"]*)"', body)
    assert css, "the console's style sheet is served by bot.web"
    response = await browser.client.get(css.group(1))
    assert response.status == 200 and response.content_type == "text/css"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "http://" not in body and "https://" not in body  # no external asset


async def test_html_in_data_shows_as_text(browser: Browser, agent: Any, desk: Desk, rasa: Any) -> None:
    script = "<script>alert(1)</script>"
    desk.open_ticket(TicketRequest("k-xss", "conv-xss", "nl", f"Vraag {script}", None, "chat"))
    rasa.events["conv-xss"] = [{"event": "user", "text": f"hallo {script}", "timestamp": 1.0}]
    reference = desk.queue()[0].reference
    await browser.login("agent@example.org")
    await browser.get(f"/staff/tickets/{reference}")
    await browser.post(f"/staff/tickets/{reference}/notes", {"text": f"note {script}"})
    pages = [(await browser.get("/staff/"))[1], (await browser.get(f"/staff/tickets/{reference}"))[1]]
    for body in pages:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<script" not in body
    assert pages[1].count("&lt;script&gt;") == 3  # question, transcript, note
