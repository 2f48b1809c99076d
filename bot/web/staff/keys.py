"""Typed keys of what the staff console puts on the application (aiohttp `AppKey`).

Everything the console keeps goes on the main application, not on its sub-application:
its handlers read it through `request.config_dict`, and other parts of bot.web use the
Desk (`bot.web.keys.DESK`) and the Mailer too.
"""

from __future__ import annotations

import asyncio

import aiohttp
import jinja2
from aiohttp import web

from bot.insight.cache import ReportCache
from bot.mail import Mailer
from bot.rasa_io.events_sql import TrackerStore
from bot.web.keys import DESK
from bot.web.staff.config import StaffConfig
from bot.web.staff.texts import Texts
from bot.web.state.interfaces import Devices, Sessions, Throttle

MAILER = web.AppKey("mailer", Mailer)

__all__ = ["DESK"]  # defined beside SETTINGS, re-exported for the console's modules

STAFF_APP = web.AppKey("staff_app", web.Application)
CONFIG = web.AppKey("staff_config", StaffConfig)
SESSIONS = web.AppKey("staff_sessions", Sessions)
THROTTLE = web.AppKey("staff_throttle", Throttle)
DEVICES = web.AppKey("staff_devices", Devices)
TEMPLATES = web.AppKey("staff_templates", jinja2.Environment)
TEXTS = web.AppKey("staff_texts", Texts)
RASA_HTTP = web.AppKey("staff_rasa_http", aiohttp.ClientSession)
TRACKER_STORE = web.AppKey("staff_tracker_store", TrackerStore)  # read for insight and review
REPORTS = web.AppKey("staff_insight_reports", ReportCache)
INTENTS = web.AppKey("staff_intent_choices", tuple)  # what a maintainer can label a message with
# Mail deliveries started by replies; kept so they are not garbage-collected mid-flight
# and so that shutdown waits for them.
DELIVERIES = web.AppKey("staff_deliveries", set[asyncio.Task[int]])
