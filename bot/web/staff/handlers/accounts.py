"""Staff accounts, for administrators: create, disable or enable, reset a password."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from bot.tickets.models import ROLES
from bot.web.staff.keys import DESK, SESSIONS
from bot.web.staff.render import render
from bot.web.staff.requests import flash, logged_in_staff


def _to_accounts(request: web.Request) -> web.HTTPFound:
    return web.HTTPFound(str(request.app.router["accounts"].url_for()))


def _staff_id(request: web.Request) -> int:
    return int(request.match_info["staff_id"])


async def _run(request: web.Request, action: Any, *args: Any) -> bool:
    """Run a Desk account action; unknown account → 404, refused (bad input) → message."""
    try:
        await asyncio.to_thread(action, *args)
        return True
    except LookupError as error:
        raise web.HTTPNotFound(text="No such account.") from error
    except ValueError:
        flash(request, "flash_account_refused", "error")
        return False


async def accounts(request: web.Request) -> web.StreamResponse:
    """GET: every account, and the form to create one."""
    staff_list = await asyncio.to_thread(request.config_dict[DESK].list_staff)
    return render(request, "accounts.html", accounts=staff_list, roles=ROLES)


async def create_account(request: web.Request) -> web.StreamResponse:
    """POST: a new account (e-mail, role, first password)."""
    admin = logged_in_staff(request)
    form = await request.post()
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    role = str(form.get("role", ""))
    if await _run(request, request.config_dict[DESK].add_staff, email, password, role, admin.id):
        flash(request, "flash_account_created")
    raise _to_accounts(request)


async def set_active(request: web.Request) -> web.StreamResponse:
    """POST: disable or enable an account; a disabled account's sessions end at once."""
    admin = logged_in_staff(request)
    staff_id = _staff_id(request)
    active = (await request.post()).get("active") == "1"
    if staff_id == admin.id and not active:
        flash(request, "flash_cannot_disable_self", "error")  # the last admin must not lock all out
        raise _to_accounts(request)
    if await _run(request, request.config_dict[DESK].set_active, staff_id, active, admin.id):
        if not active:
            await request.config_dict[SESSIONS].drop_staff(staff_id)
        flash(request, "flash_account_updated")
    raise _to_accounts(request)


async def reset_password(request: web.Request) -> web.StreamResponse:
    """POST: give an account a new password; its open sessions end."""
    admin = logged_in_staff(request)
    staff_id = _staff_id(request)
    password = str((await request.post()).get("password", ""))
    if await _run(request, request.config_dict[DESK].reset_password, staff_id, password, admin.id):
        if staff_id != admin.id:
            await request.config_dict[SESSIONS].drop_staff(staff_id)
        flash(request, "flash_password_reset")
    raise _to_accounts(request)
