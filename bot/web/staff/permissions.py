"""Who may use which console route: one table, checked by the login middleware.

Every named route must be listed (a route missing from the table is refused to
everyone), so a new page cannot be open by mistake; the tests check the table.
"""

from __future__ import annotations

from collections.abc import Mapping

STAFF, MAINTAINER, ADMIN = "staff", "maintainer", "admin"

EVERYONE = frozenset({STAFF, MAINTAINER, ADMIN})
TICKET_WORK = frozenset({STAFF, ADMIN})  # tickets hold applicants' contact details
LEARNING = frozenset({MAINTAINER, ADMIN})  # review and annotations
ADMINS = frozenset({ADMIN})

ROUTE_ROLES: Mapping[str, frozenset[str]] = {
    "logout": EVERYONE,
    "language": EVERYONE,
    "queue": TICKET_WORK,
    "ticket": TICKET_WORK,
    "assign": TICKET_WORK,
    "add_note": TICKET_WORK,
    "reply": TICKET_WORK,
    "close": TICKET_WORK,
    "retry_delivery": TICKET_WORK,
    "insight": EVERYONE,
    "insight_plot": EVERYONE,
    "review": LEARNING,
    "annotate": LEARNING,
    "undo_annotation": LEARNING,
    "accounts": ADMINS,
    "create_account": ADMINS,
    "set_active": ADMINS,
    "reset_password": ADMINS,
    "audit": ADMINS,
}

# Where each role lands after login (the queue is not every role's).
HOME = {STAFF: "queue", MAINTAINER: "review", ADMIN: "queue"}


def allowed(role: str, route: str | None) -> bool:
    """Whether an account with this role may use this route."""
    return role in ROUTE_ROLES.get(route or "", frozenset())
