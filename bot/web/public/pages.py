"""The applicant page in each supported language, and the language redirect."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from aiohttp import web

from bot.language.languages import SUPPORTED, preferred_language
from bot.limits import max_message_chars
from bot.web.public.summary import budget_text, call_summary
from bot.web.public.texts import interface_texts

TEMPLATES = Path(__file__).parent / "templates"

# Everything comes from this site: scripts, styles, icons and the chat WebSocket.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )


async def page(request: web.Request) -> web.Response:
    """`/fr/`, `/nl/`: the summary of the call and the chat, in that language."""
    lang = request.match_info["lang"]
    texts = interface_texts(lang)
    router = request.app.router
    # A link to each other language, labelled in that language ("Deze pagina in het Nederlands").
    others = [
        {"lang": code, "url": router["public_page"].url_for(lang=code), "label": interface_texts(code)["switch_label"]}
        for code in SUPPORTED
        if code != lang
    ]
    html = (
        _environment()
        .get_template("page.html")
        .render(
            lang=lang,
            others=others,
            texts=texts,
            title=texts["title"].format(budget=budget_text(lang)),
            summary=call_summary(lang),
            asset=lambda name: router["public_static"].url_for(filename=name),
            config={
                "lang": lang,
                "socket": str(router["chat_ws"].url_for()),
                "maxChars": max_message_chars(),
                "texts": texts["chat"],
            },
        )
    )
    return web.Response(text=html, content_type="text/html", headers=SECURITY_HEADERS)


async def root(request: web.Request) -> web.Response:
    """`/`: to the page in the browser's preferred language (the default language otherwise)."""
    lang = preferred_language(request.headers.get("Accept-Language"))
    location = request.app.router["public_page"].url_for(lang=lang)
    raise web.HTTPFound(location, headers={"Vary": "Accept-Language"})


async def add_slash(request: web.Request) -> web.Response:
    """`/fr` -> `/fr/`."""
    raise web.HTTPMovedPermanently(request.app.router["public_page"].url_for(lang=request.match_info["lang"]))
