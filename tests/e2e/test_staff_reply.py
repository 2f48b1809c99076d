"""Escalation end to end with real parts: the Rasa server and action server write the
ticket, a member of staff logs in to bot.web over HTTP, reads the transcript and replies;
a real SMTP server on loopback receives the e-mail in the applicant's language, and the
reply is in the applicant's conversation."""

from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from typing import TypeVar

import pytest

from bot.processes import Service, web_server
from bot.tickets.db import make_engine
from bot.tickets.service import Desk
from tests.e2e.conftest import Assistant
from tests.integration.tickets.smtp_server import Inbox, smtp_server
from tests.ports import free_port

STAFF, PASSWORD = "agent@plan-next-tech.test", "a long staff password"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_REFERENCE = re.compile(r"NT-[0-9A-Z]{8}")


@dataclass
class Console:
    """A member of staff's browser session on bot.web, over real HTTP."""

    base: str
    opener: urllib.request.OpenerDirector

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            page: str = response.read().decode()
            return page

    def post(self, path: str, form_page: str, **fields: str) -> str:
        token = _CSRF.search(self.get(form_page))
        assert token, f"no CSRF token on {form_page}"
        data = urllib.parse.urlencode({"csrf_token": token.group(1), **fields}).encode()
        with self.opener.open(self.base + path, data=data, timeout=30) as response:
            page: str = response.read().decode()
            return page


@pytest.fixture(scope="module")
def mail() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as running:
        yield running


@pytest.fixture(scope="module")
def console(
    assistant: Assistant, mail: tuple[Inbox, int], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Console]:
    Desk(make_engine(assistant.database_url)).add_staff(STAFF, PASSWORD, "staff")
    port = free_port()
    env = {"DATABASE_URL": assistant.database_url, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(mail[1]),
           "SMTP_TLS": "off", "MAIL_FROM": "appel@plan-next-tech.test"}  # fmt: skip
    log = tmp_path_factory.mktemp("web") / "web.log"
    web: Service = web_server(port, rasa_url=f"http://127.0.0.1:{assistant.rasa_port}", log=log, env=env)
    web.start().wait_ready()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    staff = Console(f"http://127.0.0.1:{port}", opener)
    staff.post("/staff/login", "/staff/login", email=STAFF, password=PASSWORD)
    yield staff
    web.stop()


def bot_texts(assistant: Assistant, sender: str) -> list[str]:
    return [e.get("text") or "" for e in assistant.tracker(sender)["events"] if e.get("event") == "bot"]


T = TypeVar("T")


def wait_for(condition: Callable[[], T | None], timeout: float = 15.0) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("timed out")


def mailed_reply(mail: tuple[Inbox, int], reference: str) -> EmailMessage:
    """The staff reply e-mail about `reference`, once the loopback SMTP server has it."""
    inbox = mail[0]
    return wait_for(lambda: next((m for m in inbox.messages if reference in str(m["Subject"])), None))


def test_french_question_answered_by_email_and_in_the_chat(
    assistant: Assistant, console: Console, mail: tuple[Inbox, int]
) -> None:
    sender = "staff-fr-1"
    assistant.text(sender, "Quel est le taux de cofinancement demandé ?")
    for answer in ("oui", "oui", "par e-mail"):
        assistant.text(sender, answer)
    [reference] = _REFERENCE.findall(assistant.text(sender, "marie.lambert@exemple.be"))

    assert reference in console.get("/staff/")
    page = console.get(f"/staff/tickets/{reference}")
    assert "taux de cofinancement" in page
    assert "ne précise pas" in page  # the assistant's own reply: the transcript came from Rasa
    reply = "Le cofinancement n'est pas exigé par l'appel ; précisez-le dans votre dossier."
    console.post(f"/staff/tickets/{reference}/replies", f"/staff/tickets/{reference}", text=reply)

    message = mailed_reply(mail, reference)
    assert "réponse à votre question" in str(message["Subject"])
    assert message["To"] == "marie.lambert@exemple.be"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    assert "précisez-le dans votre dossier" in body.get_content()
    assert reply in bot_texts(assistant, sender)
    # The console marks the reply delivered once the SMTP server took it (not "E-mail non envoyé").
    wait_for(lambda: '<p class="delivery">E-mail envoyé' in console.get(f"/staff/tickets/{reference}"))


def test_dutch_question_answered_in_the_chat(assistant: Assistant, console: Console) -> None:
    sender = "staff-nl-1"
    assistant.text(sender, "Mag ik twee projecten indienen?")
    assistant.text(sender, "verbind me door met een medewerker")
    assistant.text(sender, "ja")
    [reference] = _REFERENCE.findall(assistant.text(sender, "hier in de chat"))

    page = console.get(f"/staff/tickets/{reference}")
    assert "twee projecten" in page
    reply = "Ja, u mag meerdere projecten indienen; dien ze apart in."
    console.post(f"/staff/tickets/{reference}/replies", f"/staff/tickets/{reference}", text=reply)
    assert reply in bot_texts(assistant, sender)
    status = assistant.text(sender, "hoe staat het met mijn vraag?")
    assert reference in status and "dien ze apart in" in status


def test_dutch_question_answered_by_email(assistant: Assistant, console: Console, mail: tuple[Inbox, int]) -> None:
    sender = "staff-nl-2"
    assistant.text(sender, "Welke documenten moet ik bij mijn dossier voegen?")
    for answer in ("ja", "ja", "per e-mail"):
        assistant.text(sender, answer)
    done = assistant.text(sender, "an.peeters@voorbeeld.be")
    [reference] = _REFERENCE.findall(done) or [done]
    assert "Répondre en néerlandais" in console.get(f"/staff/tickets/{reference}")  # the console says which
    reply = "Voeg een korte projectbeschrijving en een begroting toe."
    console.post(f"/staff/tickets/{reference}/replies", f"/staff/tickets/{reference}", text=reply)
    message = mailed_reply(mail, reference)
    assert "antwoord op uw vraag" in str(message["Subject"])
    assert message["To"] == "an.peeters@voorbeeld.be"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    assert "begroting" in body.get_content()
    assert reply in bot_texts(assistant, sender)
