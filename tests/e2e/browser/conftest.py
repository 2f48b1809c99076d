"""Browser tests: Debian's Chromium (headless, driven by Playwright) on bot.web, which talks
to the real Rasa server and action server started by tests/e2e/conftest.py.

Screenshots are kept in var/artifacts/browser/ for people to look at.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web as aioweb
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from bot.paths import PROJECT_ROOT
from bot.processes import Service, web_server
from bot.web.keys import LIVE, SETTINGS
from bot.web.live import LiveHub
from bot.web.public import setup_public
from bot.web.settings import WebSettings
from tests.e2e.conftest import Assistant
from tests.ports import free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
ARTIFACTS = PROJECT_ROOT / "var" / "artifacts" / "browser"


@pytest.fixture(scope="session")
def web(assistant: Assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """bot.web as `make run` starts it, in front of the real Rasa server."""
    tmp = tmp_path_factory.mktemp("web")
    service = web_server(
        free_port(),
        f"http://127.0.0.1:{assistant.rasa_port}",
        log=tmp / "web.log",
        # The action server's ticket database: the staff console reads what it writes.
        env={
            "DATABASE_URL": assistant.database_url,
            "MAIL_OUTBOX_DIR": str(tmp / "outbox"),
            "TRACKER_STORE_URL": assistant.tracker_store_url,  # the console's insight and review read it
            # The review test's gibberish must be reviewed however sure a retrained model is
            # that it is off-topic (a number alone is out_of_scope, confidently).
            "REVIEW_CONFIDENCE_BELOW": "0.99",
        },
    )
    service.start().wait_ready(timeout=60)
    assistant.say("warm-up", "Bonjour")  # the first answer of a fresh Rasa server is the slowest
    yield service
    service.stop()


def base_url(service: Service) -> str:
    return service.health_url.removesuffix("/healthz")


# Per module: Playwright's sync API keeps its event loop running in this thread while it is
# started, and the later tests' asyncio.run() (fuzz, make run, cluster) refuse a running loop.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make test` installs it as root, else: sudo apt-get install -y chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile (its own localStorage), phone-free desktop size."""
    created = browser.new_context(viewport={"width": 1280, "height": 900})
    yield created
    created.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A page that fails the test on a script error or a blocked resource (CSP)."""
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" and "Refused" in m.text else None)
    yield opened
    assert problems == []


def shot(page: Page, name: str, full_page: bool = True) -> Path:
    """Keeps a screenshot as a test artefact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


class ThreadedWeb:
    """The applicant part of bot.web in this process (its own event loop in a thread), so
    that a test can publish on its live hub as the staff console does."""

    def __init__(self, rasa_url: str) -> None:
        self.port = free_port()
        self.app = aioweb.Application()
        self.app[SETTINGS] = WebSettings(rasa_url=rasa_url, port=self.port)  # the chat accepts this port's origins
        self.app[LIVE] = LiveHub()
        setup_public(self.app)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.runner = aioweb.AppRunner(self.app)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ThreadedWeb:
        self.thread.start()
        self._run(self.runner.setup())
        self._run(aioweb.TCPSite(self.runner, "127.0.0.1", self.port).start())
        return self

    def publish(self, conversation_id: str, message: dict[str, Any]) -> int:
        async def publish() -> int:
            return await self.app[LIVE].publish(conversation_id, message)

        return int(self._run(publish()))

    def stop(self) -> None:
        self._run(self.runner.cleanup())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)

    def _run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)


@pytest.fixture
def threaded_web(assistant: Assistant) -> Iterator[ThreadedWeb]:
    running = ThreadedWeb(f"http://127.0.0.1:{assistant.rasa_port}").start()
    yield running
    running.stop()
