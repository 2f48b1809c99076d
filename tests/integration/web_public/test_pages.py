"""The applicant page: languages, content from the knowledge base, local assets only."""

from __future__ import annotations

import re
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.knowledge import load_knowledge
from bot.language.languages import DEFAULT, SUPPORTED, preferred_language
from bot.web.public import STATIC
from bot.web.public.texts import interface_texts

Client = TestClient[Any, Any]


@pytest.mark.parametrize(
    ("header", "lang"),
    [(None, "fr"), ("nl-BE,nl;q=0.9,fr;q=0.8", "nl"), ("en-US,en;q=0.9", "fr"), ("en,nl;q=0.5", "nl"),
     ("fr;q=0.4,nl;q=0.6", "nl"), ("nl;q=0,fr", "fr"), ("garbage;q=x", "fr"), ("en, fr;q=0.1, nl;q=0.2", "nl"),
     ("NL;Q=0.5, fr;q=0.4", "nl"), ("*,nl;q=0.1", "nl"), ("fr;q=2,nl;q=0.3", "nl")],
)  # fmt: skip
def test_preferred_language(header: str | None, lang: str) -> None:
    assert preferred_language(header) == lang


async def test_the_root_redirects_by_accept_language(client: Client) -> None:
    response = await client.get("/", headers={"Accept-Language": "nl-BE,nl;q=0.9"}, allow_redirects=False)
    assert response.status == 302 and response.headers["Location"] == "/nl/"
    assert response.headers["Vary"] == "Accept-Language"
    response = await client.get("/", allow_redirects=False)
    assert response.headers["Location"] == "/fr/"
    response = await client.get("/nl", allow_redirects=False)
    assert response.status == 301 and response.headers["Location"] == "/nl/"


@pytest.mark.parametrize("lang", ["fr", "nl"])
async def test_the_page_summarises_the_call_from_the_knowledge_base(client: Client, lang: str) -> None:
    response = await client.get(f"/{lang}/")
    assert response.status == 200
    html = await response.text()
    k = load_knowledge(lang)
    assert f'<html lang="{lang}">' in html
    for key in ("budget", "who", "technologies"):
        assert _escaped(k.answer(key)) in html
    assert k.placeholders()["deadline"] in html
    for number in k.facts["measures"]:
        assert _escaped(k.wording["measures"][number]["title"]) in html
    other = "nl" if lang == "fr" else "fr"
    assert f'href="/{other}/"' in html and interface_texts(other)["switch_label"] in html
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


async def test_every_asset_is_served_here_and_nothing_comes_from_elsewhere(client: Client) -> None:
    html = await (await client.get("/fr/")).text()
    assets = re.findall(r'(?:src|href)="(/public/[^"]+)"', html)
    assert {"/public/chat.js", "/public/style.css", "/public/icon.svg"} <= set(assets)
    bodies = [html]
    for path in [*assets, "/public/render.js", "/public/connection.js"]:
        response = await client.get(path)
        assert response.status == 200, path
        bodies.append(await response.text())
    for body in bodies:
        external = [url for url in re.findall(r"(?:https?:)?//[\w.-]+\.\w+[^\s\"')]*", body) if "www.w3.org" not in url]
        assert external == [], external
        assert "@import" not in body and "url(" not in body


async def test_bot_text_is_never_written_as_html() -> None:
    scripts = "".join(path.read_text() for path in STATIC.glob("*.js"))
    assert re.search(r"\.(innerHTML|outerHTML|insertAdjacentHTML)|document\.write", scripts) is None
    assert 'rel = "noopener noreferrer"' in scripts


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    return sorted(re.findall(r"\{(\w+)\}", str(value)))


@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_language_has_the_default_s_texts_and_placeholders(lang: str) -> None:
    assert _shape(interface_texts(lang)) == _shape(interface_texts(DEFAULT))


def test_typography_is_in_the_texts_not_the_code() -> None:
    assert interface_texts("fr")["chat"]["reference"].format(reference="NT-1") == "Référence : NT-1"
    assert interface_texts("nl")["chat"]["reference"].format(reference="NT-1") == "Referentie: NT-1"
    assert "} : ${" not in (STATIC / "render.js").read_text(encoding="utf-8")  # no French space in code


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;")
