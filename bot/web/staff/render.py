"""Page rendering: Jinja2 with autoescaping on, so every value shows as text."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from aiohttp import web

from bot.web.staff.keys import TEMPLATES, TEXTS
from bot.web.staff.permissions import allowed
from bot.web.staff.requests import current_session, current_staff

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
BRUSSELS = ZoneInfo("Europe/Brussels")


def _local_time(value: datetime | float | None) -> str:
    """A timestamp (aware datetime or Unix seconds) as Brussels local time."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        value = datetime.fromtimestamp(value, BRUSSELS)
    return value.astimezone(BRUSSELS).strftime("%Y-%m-%d %H:%M")


def _percent(value: float | None) -> str:
    """A share as "42 %" (French and Dutch both put a space before %)."""
    return "—" if value is None else f"{value * 100:.0f} %"


def _hours(seconds: float | None) -> str:
    """A duration as hours with one decimal, decimal comma: "1,5 h"."""
    return "—" if seconds is None else f"{seconds / 3600:.1f} h".replace(".", ",")


def _short_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def make_environment() -> jinja2.Environment:
    """The template environment: files from `templates/`, everything escaped.

    Returns:
        A Jinja2 environment with autoescaping forced on for every template (not only
        `.html` ones) and undefined names raising instead of rendering empty.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["local_time"] = _local_time
    env.filters["percent"] = _percent
    env.filters["hours"] = _hours
    env.filters["short_date"] = _short_date
    return env


def render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    """Render a console page.

    Args:
        request: The request being answered; gives the session, staff and language.
        template: File name under `templates/`.
        status: HTTP status of the response.
        **context: Values for the template.

    Returns:
        The HTML response.
    """
    texts = request.config_dict[TEXTS]
    session = current_session(request)
    staff = current_staff(request)
    wanted = context.pop("language", None)  # a logged-in member of staff keeps their own
    language = session.language if session else wanted or texts.choose(None)
    html = (
        request.config_dict[TEMPLATES]
        .get_template(template)
        .render(
            t=texts[language],
            language=language,
            languages=texts.languages,
            staff=staff,
            csrf_token=context.pop("csrf_token", session.csrf_token if session else ""),
            flashes=session.pop_flashes() if session else [],
            request_path=request.path_qs,
            url=lambda name, **parts: str(request.app.router[name].url_for(**parts)),
            can=lambda route: staff is not None and allowed(staff.role, route),
            static=lambda path: str(request.app.router["static"].url_for(filename=path)),
            **context,
        )
    )
    return web.Response(text=html, status=status, content_type="text/html")
