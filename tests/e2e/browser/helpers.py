"""What the browser tests do on the page, in the applicant's words."""

from __future__ import annotations

from playwright.sync_api import Page, expect

REPLY_TIMEOUT = 60_000  # ms; generous: the machine is shared and the first answers are slower


def open_chat(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#chat")).to_have_attribute("data-connection", "online")


def ask(page: Page, text: str) -> str:
    """Types `text`, sends it with Enter and returns the assistant's answer."""
    answers = page.locator(".msg.assistant")
    before = answers.count()
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")
    expect(answers).to_have_count(before + 1, timeout=REPLY_TIMEOUT)
    return answers.nth(before).locator(".text").inner_text()


def conversation_id(page: Page) -> str:
    return str(page.evaluate("localStorage.getItem('pnt-chat-conversation')"))
