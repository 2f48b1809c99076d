"""An applicant escalates in the browser; a member of staff replies from the console in
another browser context; the reply appears on the applicant's open page within 2 s, and
after a reload it is still staff's, with its reference."""

from __future__ import annotations

import re
import time

from playwright.sync_api import BrowserContext, Page, expect

from bot.processes import Service
from bot.tickets.db import make_engine
from bot.tickets.service import Desk
from tests.e2e.conftest import Assistant

from .conftest import base_url, shot
from .helpers import REPLY_TIMEOUT, ask, open_chat

STAFF, PASSWORD = "browser-agent@plan-next-tech.test", "another long staff password"


def click_quick_reply(page: Page, title: str) -> str:
    answers = page.locator(".msg.assistant")
    before = answers.count()
    page.locator(".buttons button", has_text=title).last.click()
    expect(answers.nth(before)).to_be_visible(timeout=REPLY_TIMEOUT)
    page.wait_for_timeout(500)  # a reply may come in several bubbles
    return "\n".join(answers.nth(i).inner_text() for i in range(before, answers.count()))


def test_escalate_then_staff_reply_appears_live(
    page: Page, context: BrowserContext, web: Service, assistant: Assistant
) -> None:
    Desk(make_engine(assistant.database_url)).add_staff(STAFF, PASSWORD, "staff")
    open_chat(page, base_url(web) + "/fr/")
    assert "transmette" in ask(page, "Quel est le taux de cofinancement demandé ?")
    click_quick_reply(page, "Oui")  # pass it on
    assert "Comment voulez-vous recevoir" in click_quick_reply(page, "Oui")  # the question is right
    done = click_quick_reply(page, "Ici, dans le chat")
    [reference] = re.findall(r"NT-[0-9A-Z]{8}", done)

    staff = context.browser.new_context() if context.browser else None
    assert staff is not None
    console = staff.new_page()
    console.goto(base_url(web) + "/staff/login")
    console.fill("input[name=email]", STAFF)
    console.fill("input[name=password]", PASSWORD)
    console.locator("form button[type=submit]").first.click()
    console.goto(base_url(web) + f"/staff/tickets/{reference}")
    expect(console.locator("body")).to_contain_text("taux de cofinancement")
    reply = "Le texte ne fixe pas de cofinancement : indiquez votre apport dans le dossier."
    form = console.locator("form[action$='/replies']")
    form.locator("textarea").fill(reply)
    started = time.monotonic()
    form.locator("button[type=submit]").click()

    staff_reply = page.locator(".msg.staff")
    expect(staff_reply).to_contain_text("indiquez votre apport", timeout=2000)
    assert time.monotonic() - started < 2.5  # the console's POST included
    expect(staff_reply).to_contain_text(reference)
    shot(page, "fr-escalation-staff-reply", full_page=False)

    page.reload()  # the history now comes from the Rasa tracker
    after_reload = page.locator(".msg.staff")
    expect(after_reload).to_have_count(1, timeout=REPLY_TIMEOUT)
    expect(after_reload).to_contain_text("indiquez votre apport")
    expect(after_reload).to_contain_text(f"Référence : {reference}")
    expect(page.locator(".msg.assistant", has_text="indiquez votre apport")).to_have_count(0)
    shot(console, "staff-ticket-after-reply")
    staff.close()
