"""The insight page: how the assistant does over a period, with plots and their tables."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.clock import today
from bot.insight.figures import Report, compute
from bot.insight.period import Period
from bot.insight.plots import PLOTS
from bot.tickets.statistics import RESPONSE_BUCKETS, WAITING
from bot.web.staff.keys import DESK, REPORTS, TEXTS, TRACKER_STORE
from bot.web.staff.model_panel import model_panel
from bot.web.staff.render import render
from bot.web.staff.requests import current_language


def _period(request: web.Request) -> tuple[Period, bool]:
    return Period.from_query(request.query.get("from"), request.query.get("to"), today())


async def _report(request: web.Request, period: Period) -> Report:
    """The period's figures, computed once a minute at most (the page and its plots share them)."""
    cache = request.config_dict[REPORTS]
    report = cache.get(period)
    if report is None:
        engine = request.config_dict[TRACKER_STORE].engine
        desk = request.config_dict[DESK]
        report = await asyncio.to_thread(lambda: compute(engine(), desk, period))
        cache.put(report)
    return report


async def insight(request: web.Request) -> web.StreamResponse:
    """GET: the figures of the period (`from`, `to`: YYYY-MM-DD; the last 30 days by default)."""
    period, bad = _period(request)
    report, model = await asyncio.gather(_report(request, period), model_panel(request))
    query = {"from": period.first.isoformat(), "to": period.last.isoformat()}
    return render(
        request,
        "insight.html",
        report=report,
        model=model,
        bad_period=bad,
        query=query,
        buckets=[name for name, _ in RESPONSE_BUCKETS] + [WAITING],
    )


async def insight_plot(request: web.Request) -> web.StreamResponse:
    """GET: one plot of the period, as SVG, labelled in the reader's language."""
    draw = PLOTS.get(request.match_info["plot"])
    if draw is None:
        raise web.HTTPNotFound(text="No such plot.")
    period, _bad = _period(request)
    report = await _report(request, period)
    labels = request.config_dict[TEXTS][current_language(request)]
    svg = await asyncio.to_thread(draw, report, labels)
    return web.Response(text=svg, content_type="image/svg+xml")
