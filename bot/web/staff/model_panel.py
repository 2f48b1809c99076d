"""Which model is live: what the Rasa server reports, and what `make train` recorded of it."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiohttp import web

from bot.rasa_io.http_api import ServerStatus
from bot.tickets.releases import ReleaseView
from bot.web.keys import SETTINGS
from bot.web.staff.keys import DESK, RASA_HTTP
from bot.web.staff.rasa_api import fetch_status

HISTORY = 5


@dataclass(frozen=True)
class ModelPanel:
    """`status` is None when Rasa does not answer; `release` when the model was not recorded."""

    status: ServerStatus | None
    release: ReleaseView | None
    history: list[ReleaseView] = field(default_factory=list)


async def model_panel(request: web.Request) -> ModelPanel:
    """The live model's id (GET /status), when it was trained, its evaluation figures."""
    desk = request.config_dict[DESK]
    status = await fetch_status(request.config_dict[RASA_HTTP], request.config_dict[SETTINGS])
    release = None
    if status is not None and status.model_id:
        release = await asyncio.to_thread(desk.release, status.model_id)
    history = await asyncio.to_thread(desk.releases, HISTORY)
    return ModelPanel(status, release, history)
