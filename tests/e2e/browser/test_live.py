"""Staff replies appear live; a dropped connection loses nothing; safe links."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from bot.processes import Service

from .conftest import ThreadedWeb, base_url, shot
from .helpers import REPLY_TIMEOUT, ask, conversation_id, open_chat


def test_a_staff_reply_appears_within_two_seconds_with_safe_links(page: Page, threaded_web: ThreadedWeb) -> None:
    open_chat(page, threaded_web.url + "/fr/")
    ask(page, "Le texte parle-t-il d'un cofinancement ?")
    text = 'Bonjour, voir https://be.brussels/appel. <img src=x onerror="window.pwned=1"> javascript:alert(1)'
    started = time.monotonic()
    assert threaded_web.publish(conversation_id(page), {"type": "staff_reply", "text": text, "reference": "T-42"}) == 1
    staff = page.locator(".msg.staff")
    expect(staff).to_be_visible(timeout=2000)
    assert time.monotonic() - started < 2.0
    expect(staff.locator(".text")).to_have_text(text)  # shown as text, never as HTML
    expect(staff).to_contain_text("T-42")
    assert staff.locator("img").count() == 0 and page.evaluate("window.pwned") is None
    links = staff.locator("a")
    expect(links).to_have_count(1)  # only the http(s) URL, without its final full stop
    expect(links).to_have_attribute("href", "https://be.brussels/appel")
    expect(links).to_have_attribute("rel", "noopener noreferrer")
    shot(page, "fr-staff-reply", full_page=False)


def test_messages_typed_during_a_dropped_connection_are_sent_when_it_returns(page: Page, web: Service) -> None:
    open_chat(page, base_url(web) + "/fr/")
    ask(page, "Bonjour")
    web.stop()  # every WebSocket drops
    expect(page.locator("#chat")).to_have_attribute("data-connection", "offline")
    expect(page.locator("#chat-status")).to_contain_text("Connexion perdue")
    for question in ("Quel est le budget ?", "Quelle est la date limite ?"):
        page.locator("#chat-input").fill(question)
        page.locator("#chat-input").press("Enter")
    expect(page.locator(".msg.applicant .state")).to_have_count(2)  # both shown as waiting
    shot(page, "fr-offline-queue", full_page=False)
    web.start().wait_ready(timeout=60)
    expect(page.locator(".msg.applicant .state")).to_have_count(0, timeout=REPLY_TIMEOUT)
    expect(page.locator(".msg.assistant")).to_have_count(3, timeout=REPLY_TIMEOUT)
    answers = page.locator(".msg.assistant .text").all_inner_texts()
    assert "400.000 €" in answers[1] and "1er septembre 2016" in answers[2]
