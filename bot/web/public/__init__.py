"""The applicant side of bot.web: the page in French and Dutch and its chat gateway.

`setup_public(app)` registers the routes and the Rasa client's lifetime; the rest of the
package is one module per concern (texts, summary, gateway, limits, origin, Rasa client).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
from aiohttp import web

from bot.language.languages import SUPPORTED
from bot.web.keys import SETTINGS
from bot.web.public import pages
from bot.web.public.feedback import feedback_ctx
from bot.web.public.gateway import chat_socket, close_sockets
from bot.web.public.keys import CHAT, RASA, ChatState
from bot.web.public.rasa import RasaClient

STATIC = Path(__file__).parent / "static"


async def _rasa_client(app: web.Application) -> AsyncIterator[None]:
    """One HTTP session to the Rasa server for the life of the application."""
    settings = app[SETTINGS]
    timeout = aiohttp.ClientTimeout(total=60, connect=5)  # an answer can wait for the action server
    connector = aiohttp.TCPConnector(limit=256)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        app[RASA] = RasaClient(session, settings.rasa_url, settings.rasa_token)
        yield


def setup_public(app: web.Application) -> None:
    """Adds the applicant page, its assets and the chat WebSocket to `app`."""
    from bot.web.state.choose import backend_of  # here: it imports this package's parts

    app[CHAT] = ChatState.from_settings(app[SETTINGS], backend_of(app))
    app.cleanup_ctx.extend([_rasa_client, feedback_ctx])
    app.on_shutdown.append(close_sockets)
    router = app.router
    router.add_get("/", pages.root, name="public_root")
    languages = "|".join(SUPPORTED)  # the languages of the data (bot.language.languages)
    router.add_get(f"/{{lang:{languages}}}/", pages.page, name="public_page")
    router.add_get(f"/{{lang:{languages}}}", pages.add_slash)
    router.add_get("/chat/ws", chat_socket, name="chat_ws")
    router.add_static("/public/", STATIC, name="public_static")
