""" "Was this helpful?" under the assistant's answers, with the mouse and with the keyboard only."""

from __future__ import annotations

from datetime import datetime, timezone

from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.processes import Service
from bot.tickets.db import make_engine
from bot.tickets.models import Feedback
from tests.e2e.conftest import Assistant

from .conftest import base_url, shot
from .helpers import ask, conversation_id, open_chat

FOCUSED = "document.activeElement && (document.activeElement.getAttribute('aria-label') || document.activeElement.id)"


def _stored(assistant: Assistant, conversation: str) -> list[Feedback]:
    engine = make_engine(assistant.database_url)
    with Session(engine) as session:
        rows = list(session.scalars(select(Feedback).where(Feedback.conversation_id == conversation)))
    engine.dispose()
    return rows


def test_one_click_then_one_change_of_mind(page: Page, web: Service, assistant: Assistant) -> None:
    open_chat(page, base_url(web) + "/fr/")
    ask(page, "Quelle est la date limite ?")
    group = page.locator(".msg.assistant .feedback").last
    expect(group).to_have_attribute("role", "group")
    expect(group).to_contain_text("Cette réponse vous a-t-elle aidé ?")
    group.get_by_role("button", name="Non, cette réponse ne m'a pas aidé").click()
    expect(group.locator("button[data-helpful=false]")).to_have_attribute("aria-pressed", "true")
    expect(group.locator(".feedback-note")).to_contain_text("Vous pouvez encore le changer une fois.")
    expect(group.locator("button[data-helpful=true]")).to_be_enabled()
    shot(page, "fr-feedback-not-helpful", full_page=False)
    [vote] = _stored(assistant, conversation_id(page))
    assert (vote.helpful, vote.intent, vote.language) == (False, "ask_deadline", "fr")
    assert vote.confidence is not None and vote.confidence > 0.5 and vote.question == "Quelle est la date limite ?"
    assert vote.created_at <= datetime.now(timezone.utc)

    group.get_by_role("button", name="Oui, cette réponse m'a aidé").click()
    expect(group.locator("button[data-helpful=true]")).to_have_attribute("aria-pressed", "true")
    expect(group.locator(".feedback-note")).to_have_text("Merci, votre avis est enregistré.")
    for button in group.locator("button").all():
        expect(button).to_be_disabled()
    [vote] = _stored(assistant, conversation_id(page))
    assert vote.helpful and vote.changes == 1


def test_keyboard_only_in_dutch(page: Page, web: Service, assistant: Assistant) -> None:
    open_chat(page, base_url(web) + "/nl/")
    page.locator("#chat-input").focus()
    page.keyboard.type("Wat is het totale budget?")
    page.keyboard.press("Enter")
    group = page.locator(".msg.assistant .feedback").last
    expect(group).to_be_visible(timeout=60_000)
    # Back from the message box: past the suggestions (if any), to "no", then "yes".
    suggestions = page.locator(".msg.assistant").last.locator(".buttons button").count()
    for _ in range(suggestions + 2):
        page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED) == "Ja, dit antwoord heeft me geholpen"
    page.keyboard.press("Space")
    expect(group.locator("button[data-helpful=true]")).to_have_attribute("aria-pressed", "true")
    expect(group.locator(".feedback-note")).to_contain_text("Bedankt voor uw mening")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Nee, dit antwoord heeft me niet geholpen"
    page.keyboard.press("Enter")
    expect(group.locator(".feedback-note")).to_have_text("Bedankt, uw mening is opgeslagen.")
    shot(page, "nl-feedback-keyboard", full_page=False)
    [vote] = _stored(assistant, conversation_id(page))
    assert (vote.helpful, vote.changes, vote.intent, vote.language) == (False, 1, "ask_budget", "nl")
