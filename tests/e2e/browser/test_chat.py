"""The applicant's chat in a real browser: ask, switch language, reload, keyboard only."""

from __future__ import annotations

from playwright.sync_api import Page, WebSocketRoute, expect

from bot.processes import Service
from tests.e2e.conftest import Assistant

from .conftest import base_url, shot
from .helpers import REPLY_TIMEOUT, ask, conversation_id, open_chat


def test_ask_the_deadline_in_french(page: Page, web: Service) -> None:
    open_chat(page, base_url(web) + "/")  # no Accept-Language preference: French
    assert page.url.endswith("/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".summary")).to_contain_text("400.000 €")
    answer = ask(page, "Quelle est la date limite ?")
    assert "1er septembre 2016" in answer
    expect(page.locator(".msg.applicant .text").last).to_have_text("Quelle est la date limite ?")
    expect(page.locator("#chat-typing")).to_be_hidden()
    shot(page, "fr-deadline", full_page=False)


def test_switching_to_dutch_switches_page_and_conversation(page: Page, web: Service, assistant: Assistant) -> None:
    open_chat(page, base_url(web) + "/fr/")
    ask(page, "Quel est le budget ?")
    conversation = conversation_id(page)
    page.get_by_role("link", name="Deze pagina in het Nederlands").click()
    expect(page.locator("#chat")).to_have_attribute("data-connection", "online")
    assert page.url.endswith("/nl/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_contain_text("IT-ondernemerschap")
    expect(page.locator(".msg.applicant .text").first).to_have_text("Quel est le budget ?")  # same conversation
    answer = ask(page, "Wat is de uiterste datum?")
    assert "1 september 2016" in answer
    assert conversation_id(page) == conversation
    last_user = [e for e in assistant.tracker(conversation)["events"] if e["event"] == "user"][-1]
    assert last_user["metadata"]["language"] == "nl"
    shot(page, "nl-after-switch", full_page=False)


def test_a_reload_shows_the_conversation_again(page: Page, web: Service) -> None:
    open_chat(page, base_url(web) + "/fr/")
    first = ask(page, "Qui peut participer ?")
    conversation = conversation_id(page)
    page.reload()
    expect(page.locator("#chat")).to_have_attribute("data-connection", "online")
    expect(page.locator(".msg.applicant .text")).to_have_text(["Qui peut participer ?"])
    expect(page.locator(".msg.assistant .text").first).to_have_text(first)
    assert conversation_id(page) == conversation
    shot(page, "fr-after-reload", full_page=False)


def test_keyboard_only(page: Page, web: Service) -> None:
    open_chat(page, base_url(web) + "/fr/")
    focused = "document.activeElement && (document.activeElement.id || document.activeElement.textContent)"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "Aller directement au chat"
    page.keyboard.press("Enter")  # the skip link lands in the message box
    assert page.evaluate(focused) == "chat-input"
    page.keyboard.type("Bonjour")
    page.keyboard.press("Enter")
    suggestions = page.locator(".msg.assistant .buttons button")
    expect(suggestions.first).to_be_visible(timeout=REPLY_TIMEOUT)
    titles = suggestions.all_inner_texts()
    page.keyboard.press("Shift+Tab")  # back from the box: the last suggestion
    assert page.evaluate(focused) == titles[-1]
    for _ in range(len(titles) - 1):
        page.keyboard.press("Shift+Tab")
    assert page.evaluate(focused) == titles[0]
    answers = page.locator(".msg.assistant").count()
    page.keyboard.press("Enter")  # choose the first suggestion
    expect(page.locator(".msg.assistant")).to_have_count(answers + 1, timeout=REPLY_TIMEOUT)
    expect(page.locator(".msg.applicant .text").last).to_have_text(titles[0])
    assert page.evaluate(focused) == "chat-input"  # focus is back in the box
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "chat-send"
    shot(page, "fr-keyboard", full_page=False)


def test_a_too_long_message_is_explained_and_not_sent(page: Page, web: Service) -> None:
    open_chat(page, base_url(web) + "/nl/")
    limit = int(page.evaluate("JSON.parse(document.getElementById('chat-config').textContent).maxChars"))
    box = page.locator("#chat-input")
    box.fill("a" * (limit + 1))
    expect(page.locator("#chat-note")).to_contain_text(f"te lang ({limit + 1} tekens, maximum {limit})")
    expect(box).to_have_attribute("aria-invalid", "true")
    box.press("Enter")
    expect(page.locator(".msg.applicant")).to_have_count(0)
    assert len(box.input_value()) == limit + 1  # kept, to be shortened
    box.press("Backspace")
    expect(page.locator("#chat-note")).not_to_contain_text("te lang")
    expect(box).to_have_attribute("aria-invalid", "false")


def test_the_typing_indicator_shows_until_the_answer_arrives(page: Page, web: Service) -> None:
    held: list[str | bytes] = []  # the gateway's answers, passed on when the test says so
    routes: list[WebSocketRoute] = []

    def hold_replies(route: WebSocketRoute) -> None:
        routes.append(route)
        server = route.connect_to_server()

        def from_gateway(message: str | bytes) -> None:
            if '"type": "reply"' in str(message):
                held.append(message)
            else:
                route.send(message)

        server.on_message(from_gateway)

    page.route_web_socket("**/chat/ws", hold_replies)
    open_chat(page, base_url(web) + "/fr/")
    typing = page.locator("#chat-typing")
    expect(typing).to_be_hidden()
    page.locator("#chat-input").fill("Quel est le budget ?")
    page.locator("#chat-input").press("Enter")
    expect(typing).to_be_visible()
    expect(typing).to_contain_text("L'assistant écrit")
    for _ in range(600):  # up to a minute for the real answer to reach the route
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "no answer from the gateway"
    expect(typing).to_be_visible()  # the answer is held back: still waiting
    expect(page.locator(".msg.applicant .state")).to_have_count(0)  # sent, so not "waiting to be sent"
    shot(page, "fr-typing", full_page=False)
    routes[-1].send(held.pop(0))
    expect(page.locator(".msg.assistant .text")).to_contain_text(["400.000 €"])
    expect(typing).to_be_hidden()
