"""The console's routes, all named; paths are relative to the `/staff` prefix."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from bot.web.staff.handlers import accounts, audit, insight, login, review, tickets

STATIC_DIR = Path(__file__).resolve().parent / "static"
REFERENCE = "{reference:[A-Za-z0-9-]{1,32}}"


def add_routes(router: web.UrlDispatcher) -> None:
    """Register every route of the console on the sub-application's router."""
    router.add_get("/login", login.login_page, name="login")
    router.add_post("/login", login.login_submit, name="login_submit")
    router.add_post("/logout", login.logout, name="logout")
    router.add_post("/language", login.set_language, name="language")
    router.add_get("/", tickets.queue, name="queue")
    router.add_get(f"/tickets/{REFERENCE}", tickets.ticket, name="ticket")
    router.add_post(f"/tickets/{REFERENCE}/assign", tickets.assign, name="assign")
    router.add_post(f"/tickets/{REFERENCE}/notes", tickets.add_note, name="add_note")
    router.add_post(f"/tickets/{REFERENCE}/replies", tickets.reply, name="reply")
    router.add_post(f"/tickets/{REFERENCE}/close", tickets.close, name="close")
    router.add_post(
        f"/tickets/{REFERENCE}/replies/{{reply_id:\\d+}}/retry", tickets.retry_delivery, name="retry_delivery"
    )
    router.add_get("/insight", insight.insight, name="insight")
    router.add_get("/insight/plots/{plot:[a-z]{1,16}}.svg", insight.insight_plot, name="insight_plot")
    router.add_get("/review", review.review, name="review")
    router.add_post("/review/annotations", review.annotate, name="annotate")
    router.add_post("/review/annotations/{annotation_id:\\d+}/undo", review.undo_annotation, name="undo_annotation")
    router.add_get("/accounts", accounts.accounts, name="accounts")
    router.add_post("/accounts", accounts.create_account, name="create_account")
    router.add_post("/accounts/{staff_id:\\d+}/active", accounts.set_active, name="set_active")
    router.add_post("/accounts/{staff_id:\\d+}/password", accounts.reset_password, name="reset_password")
    router.add_get("/audit", audit.audit, name="audit")
    router.add_static("/static", STATIC_DIR, name="static", append_version=True)
