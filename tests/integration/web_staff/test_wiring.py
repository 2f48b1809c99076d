"""The console inside the whole application, and its interface texts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.language.languages import SUPPORTED
from bot.rasa_io.transcript import Role
from bot.review.intents import FIRST, intent_choices
from bot.review.queue import FLAGS
from bot.tickets.models import DELIVERY_STATUSES, RELEASE_STATUSES, ROLES, STATUSES
from bot.tickets.statistics import RESPONSE_BUCKETS, WAITING
from bot.web.app import create_app
from bot.web.settings import WebSettings
from bot.web.staff.keys import DESK, MAILER, STAFF_APP
from bot.web.staff.render import TEMPLATES_DIR
from bot.web.staff.texts import Texts, texts_dir
from tests.integration.web_staff.support import Browser

PACKAGE_DIR = Path(TEMPLATES_DIR).parent


async def test_create_app_serves_the_console(
    settings: WebSettings, agent: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("MAIL_OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.delenv("SMTP_HOST", raising=False)
    app = create_app(settings)
    assert STAFF_APP in app and MAILER in app
    # Nothing of the other parts under /staff, where it would escape the console's login check.
    for resource in app.router.resources():
        if resource.get_info().get("app") is not app[STAFF_APP]:
            assert not resource.canonical.startswith("/staff"), resource.canonical
    client: TestClient[Any, Any] = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    try:
        assert DESK in app
        browser = Browser(client)
        assert (await browser.login("agent@example.org")).status == 302
        assert (await browser.get("/staff/"))[0] == 200
        response = await client.get("/staff", allow_redirects=False)
        assert response.headers["Location"] == "/staff/"
    finally:
        await client.close()


def test_french_and_dutch_texts_have_the_same_keys() -> None:
    texts = Texts()
    assert texts.languages == ("fr", "nl")
    assert texts["fr"].keys() == texts["nl"].keys()
    assert all(value.strip() for language in texts.languages for value in texts[language].values())
    assert sorted(path.name for path in texts_dir().glob("*.yml")) == ["fr.yml", "nl.yml"]


def test_every_text_used_exists() -> None:
    keys = Texts()["fr"].keys()
    used = set()
    for template in TEMPLATES_DIR.glob("*.html"):
        used |= set(re.findall(r"\bt\.(?!get\()(\w+)", template.read_text(encoding="utf-8")))
    for module in PACKAGE_DIR.rglob("*.py"):
        used |= set(re.findall(r'(?:flash\(request, |error=)"(\w+)"', module.read_text(encoding="utf-8")))
    assert "flash_refused" in used and "login_locked" in used
    # Keys built in templates from data values.
    for prefix, values in [
        ("status_", STATUSES),
        ("delivery_", DELIVERY_STATUSES),
        ("role_", ROLES),
        ("ticket_language_", SUPPORTED),
        ("reply_in_", SUPPORTED),
        ("language_name_", Texts().languages),
        ("speaker_", [role.value for role in Role]),
        ("flag_", FLAGS),
        ("insight_bucket_", [name for name, _ in RESPONSE_BUCKETS] + [WAITING]),
        ("release_", RELEASE_STATUSES),
        ("intent_", intent_choices()),
        ("choice_", FIRST),
    ]:
        used |= {prefix + value for value in values}
    assert used - keys == set()


def test_the_console_language_follows_accept_language_q_values() -> None:
    texts = Texts()
    assert texts.choose(None, "fr;q=0.4, nl;q=0.8") == "nl"  # the staff parser once took the first listed
    assert texts.choose(None, "en-GB, nl-BE;q=0.5") == "nl"
    assert texts.choose(None, "nl;q=0, de") == "fr"
    assert texts.choose("nl", "fr") == "nl"
