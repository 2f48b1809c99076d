"""The audit log, for administrators."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.web.staff.keys import DESK
from bot.web.staff.render import render

AUDIT_PAGE_SIZE = 200


async def audit(request: web.Request) -> web.StreamResponse:
    """GET: the latest audit entries, newest first."""
    entries = await asyncio.to_thread(request.config_dict[DESK].audit_log, AUDIT_PAGE_SIZE)
    return render(request, "audit.html", entries=entries)
