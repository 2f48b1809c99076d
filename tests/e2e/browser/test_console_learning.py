"""The console's maintainer pages in Chromium: annotating in two clicks, a staff member
refused the review, the insight page and its plots in French and Dutch (screenshots in
var/artifacts/browser/)."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, Page, expect

from bot.processes import Service
from bot.tickets.db import make_engine
from bot.tickets.service import Desk
from tests.e2e.conftest import Assistant

from .conftest import base_url, shot

PASSWORD = "a long console password"


def _account(assistant: Assistant, role: str) -> str:
    email = f"{role}-{uuid.uuid4().hex[:6]}@plan-next-tech.test"
    desk = Desk(make_engine(assistant.database_url))
    desk.add_staff(email, PASSWORD, role)
    desk.dispose()
    return email


def _login(browser: Browser, web: Service, email: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(base_url(web) + "/staff/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    return page


def test_a_maintainer_annotates_a_misunderstood_message_in_two_clicks(
    browser: Browser, web: Service, assistant: Assistant
) -> None:
    words = f"zwurp {uuid.uuid4().hex[:6]} klonk"  # gibberish: not understood, or barely
    assistant.say(f"review-{uuid.uuid4().hex[:8]}", f"{words} 0471 23 45 67", {"language": "fr"})
    page = _login(browser, web, _account(assistant, "maintainer"))
    expect(page).to_have_url(base_url(web) + "/staff/review")
    item = page.locator(".review-item", has_text=words)
    expect(item).to_contain_text("[phone]")
    expect(item).not_to_contain_text("0471")
    expect(item.locator(".flags")).to_contain_text(re.compile("non compris|confiance faible"))
    expect(item.locator(".context .message.assistant")).not_to_have_count(0)  # the reply, around it
    shot(page, "console-review-before")
    item.get_by_label("Sans rapport avec l'appel").click()  # click 1: the right answer
    item.get_by_role("button", name="Confirmer").click()  # click 2: confirm
    expect(page.locator(".flash")).to_contain_text("Annotation enregistrée")
    expect(page.locator(".review-item", has_text=words)).to_have_count(0)
    annotation = page.locator("tr.annotation", has_text=words)
    expect(annotation).to_contain_text("Sans rapport avec l'appel")
    shot(page, "console-review-annotated")
    desk = Desk(make_engine(assistant.database_url))
    [label] = [a for a in desk.annotations() if words in a.text]
    desk.dispose()
    assert (label.intent, label.language) == ("out_of_scope", "fr") and "[phone]" in label.text
    annotation.get_by_role("button", name="Annuler").click()  # undo: it comes back
    expect(page.locator(".review-item", has_text=words)).to_have_count(1)
    page.context.close()


def test_a_staff_member_is_refused_the_review(browser: Browser, web: Service, assistant: Assistant) -> None:
    page = _login(browser, web, _account(assistant, "staff"))
    expect(page.locator("nav")).not_to_contain_text("Revue")
    response = page.goto(base_url(web) + "/staff/review")
    assert response is not None and response.status == 403
    expect(page.locator("body")).to_contain_text("Your role does not give access")
    page.context.close()


def test_the_insight_page_in_french_and_dutch(browser: Browser, web: Service, assistant: Assistant) -> None:
    for text, lang in (("Quel est le budget ?", "fr"), ("Wanneer is de deadline?", "nl"), ("flurb zonk", "fr")):
        assistant.say(f"insight-{uuid.uuid4().hex[:8]}", text, {"language": lang})
    page = _login(browser, web, _account(assistant, "staff"))
    for lang, title, caption in (("fr", "Comment se débrouille l'assistant", "Sujets les plus demandés"),
                                 ("nl", "Hoe doet de assistent het", "Meest gevraagde onderwerpen")):  # fmt: skip
        if lang == "nl":
            page.locator("form[action$='/language'] button").click()
        page.goto(base_url(web) + "/staff/insight")
        expect(page.locator("h1")).to_have_text(title)
        expect(page.locator("#topics-table caption")).to_have_text(caption)
        plots = page.locator("img.plot")
        expect(plots).to_have_count(5)
        page.wait_for_load_state("networkidle")
        widths = plots.evaluate_all("images => images.map(image => image.complete ? image.naturalWidth : 0)")
        assert all(width > 300 for width in widths), widths
        assert int(page.locator("#languages-table tbody tr td").first.inner_text()) >= 1
        expect(page.locator(".model")).to_be_visible()
        shot(page, f"console-insight-{lang}")
    page.context.close()
