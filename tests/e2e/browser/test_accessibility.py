"""A phone-sized screen and an automated accessibility check (axe-core, served locally)."""

from __future__ import annotations

from importlib.resources import files
from typing import TypedDict

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.processes import Service

from .conftest import base_url, shot
from .helpers import REPLY_TIMEOUT, ask, open_chat

# axe-core as shipped inside the axe-playwright-python wheel: no download at test time.
AXE_SOURCE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def test_a_360_pixel_phone_screen(browser: Browser, web: Service) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    open_chat(page, base_url(web) + "/fr/")
    ask(page, "Bonjour")
    expect(page.locator(".msg.assistant .buttons button").first).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    for selector in ("#chat-input", "#chat-send", "#switch-lang"):
        box = page.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, selector
    shot(page, "fr-phone-360")
    page.locator("#chat-input").scroll_into_view_if_needed()
    shot(page, "fr-phone-360-chat", full_page=False)
    context.close()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_no_serious_accessibility_violations(browser: Browser, web: Service, lang: str) -> None:
    # Only this context lets the test inject axe despite the page's Content-Security-Policy.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    open_chat(page, f"{base_url(web)}/{lang}/")
    ask(page, "Bonjour" if lang == "fr" else "Hallo")
    expect(page.locator(".msg.assistant .buttons button").first).to_be_visible(timeout=REPLY_TIMEOUT)
    page.locator("#chat-input").fill("x" * 5000)  # the too-long note is on screen too
    violations = _axe(page)
    context.close()
    serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
    assert serious == [], _describe(serious)


class Violation(TypedDict):
    """What `_axe` keeps of one axe-core violation."""

    id: str
    impact: str | None
    help: str
    nodes: list[str]  # the CSS selectors of the elements at fault


def _axe(page: Page) -> list[Violation]:
    page.add_script_tag(content=AXE_SOURCE)
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    return list(result)


def _describe(violations: list[Violation]) -> str:
    return "\n".join(f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes'][:3]}" for v in violations)
