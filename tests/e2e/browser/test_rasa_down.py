"""The real Rasa server stops mid-conversation: the applicant is told, in their language,
and the message kept by the page is answered once the server is back."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from bot.processes import Service
from tests.e2e.conftest import Assistant

from .conftest import base_url, shot
from .helpers import ask, open_chat

BACK_TIMEOUT = 150_000  # ms: Rasa loads its model again, then the page's next retry (<= 30 s)


def test_rasa_down_is_explained_and_the_kept_message_is_answered_when_it_returns(
    page: Page, web: Service, assistant: Assistant
) -> None:
    open_chat(page, base_url(web) + "/nl/")
    ask(page, "Hallo")
    assistant.rasa.stop()
    try:
        page.locator("#chat-input").fill("Wat is het budget?")
        page.locator("#chat-input").press("Enter")
        expect(page.locator("#chat-status")).to_contain_text("tijdelijk niet bereikbaar")
        expect(page.locator(".msg.applicant .state")).to_have_text(["wacht op verzending"])
        expect(page.locator("#chat-typing")).to_be_hidden()
        shot(page, "nl-rasa-down", full_page=False)
    finally:
        assistant.restart_rasa()  # the same port, the same SQLite tracker store
    expect(page.locator(".msg.applicant .state")).to_have_count(0, timeout=BACK_TIMEOUT)
    expect(page.locator(".msg.assistant")).to_have_count(2)
    expect(page.locator(".msg.assistant .text").last).to_contain_text("400.000")
    expect(page.locator("#chat-status")).to_have_text("")
