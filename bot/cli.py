"""The `bot` command: database upgrades, staff accounts, purge and mail delivery.

    bot db upgrade
    bot db tracker-index
    bot staff add EMAIL --role staff|maintainer|admin [--password-stdin]
    bot staff list | disable EMAIL | enable EMAIL | reset-password EMAIL [--password-stdin]
    bot purge --older-than DAYS
    bot mail deliver
    bot spool flush

Settings come from the environment (DATABASE_URL, TICKET_SPOOL_DIR, SMTP_*, MAIL_*).
There is no default account: the first admin is created with `bot staff add`.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Callable, Sequence

from sqlalchemy.exc import SQLAlchemyError

from bot.settings import bot_settings
from bot.tickets.db import database_url_from_env, upgrade
from bot.tickets.models import ROLES
from bot.tickets.service import Desk
from bot.tickets.states import TicketStatus
from bot.tickets.views import StaffView

Handler = Callable[[argparse.Namespace], int]


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        # First line only, without its line break: `echo "$PW" | bot staff add ...`.
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password (12 characters or more): ")
    if getpass.getpass("Same password again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def _account(desk: Desk, email: str) -> StaffView:
    staff = desk.find_staff(email)
    if staff is None:
        raise LookupError("no staff account with this e-mail address")
    return staff


def _db_upgrade(args: argparse.Namespace) -> int:
    upgrade(database_url_from_env())
    print("database schema is up to date")
    return 0


def _db_tracker_index(args: argparse.Namespace) -> int:
    from bot.rasa_io.events_sql import READ_INDEX, add_read_index

    url = bot_settings().tracker_store_url
    if not url:
        raise ValueError("TRACKER_STORE_URL is not set")
    add_read_index(url)
    print(f"index {READ_INDEX} is on the tracker store's events table")
    return 0


def _staff_add(args: argparse.Namespace) -> int:
    desk = Desk.from_env()
    staff = desk.add_staff(args.email, _read_password(args), args.role)
    print(f"created {staff.role} account {staff.email} (id {staff.id})")
    return 0


def _staff_list(args: argparse.Namespace) -> int:
    accounts = Desk.from_env().list_staff()
    if not accounts:
        print("no staff accounts (create one with: bot staff add EMAIL --role admin)")
    for staff in accounts:
        state = "active" if staff.active else "disabled"
        print(f"{staff.id:>4}  {staff.email:<40} {staff.role:<6} {state:<8} {staff.created_at:%Y-%m-%d}")
    return 0


def _staff_set_active(active: bool) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        desk = Desk.from_env()
        staff = desk.set_active(_account(desk, args.email).id, active, actor_id=None)
        print(f"{staff.email} is now {'active' if staff.active else 'disabled'}")
        return 0

    return handler


def _staff_reset_password(args: argparse.Namespace) -> int:
    desk = Desk.from_env()
    staff = desk.reset_password(_account(desk, args.email).id, _read_password(args), actor_id=None)
    print(f"password of {staff.email} changed")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from sqlalchemy import make_url

    from bot.mail.settings import MailSettings
    from bot.privacy import compact_sqlite, default_tracker_store_url, purge_conversations, purge_outbox

    desk = Desk.from_env()
    flushed = desk.flush_spool()  # a spooled ticket follows the database's retention from now on
    left = sum(1 for _ in desk.spool.records())
    if flushed or left:
        print(f"{flushed} spooled ticket(s) written to the database first, {left} left in the spool")
    count = desk.purge(args.older_than)
    print(f"personal data removed from {count} closed ticket(s)")
    if not args.tickets_only:
        tracker_store = default_tracker_store_url()
        active = {
            t.conversation_id
            for s in (TicketStatus.OPEN, TicketStatus.ANSWERED)
            for t in desk.queue(status=s)
            if t.conversation_id
        }
        votes = 0

        def forget(conversation_ids: list[str]) -> None:  # what refers to them goes with them
            nonlocal votes
            votes = desk.forget_feedback(conversation_ids)
            desk.forget_annotation_conversations(conversation_ids)

        removed = purge_conversations(tracker_store, args.older_than, keep=active, on_removed=forget)
        compact_sqlite(tracker_store)
        where = make_url(tracker_store).render_as_string(hide_password=True)
        print(f"{removed} conversation(s) idle for more than {args.older_than} days removed from {where}")
        print(f"{votes} 'was this helpful?' vote(s) of those conversations removed")
        outbox = MailSettings.from_env().outbox_dir
        print(f"{purge_outbox(outbox, args.older_than)} reply e-mail file(s) removed from {outbox}")
    compact_sqlite(database_url_from_env())  # last: the votes and annotations went from it too
    return 0 if left == 0 else 3


def _mail_deliver(args: argparse.Namespace) -> int:
    from bot.mail import deliver_pending, mailer_from_env

    desk = Desk.from_env()
    sent = deliver_pending(desk, mailer_from_env(), max_attempts=args.max_attempts)
    waiting = len(desk.pending_deliveries())
    print(f"{sent} reply e-mail(s) sent, {waiting} still waiting or failed")
    return 0 if waiting == 0 else 3


def _spool_flush(args: argparse.Namespace) -> int:
    desk = Desk.from_env()
    flushed = desk.flush_spool()
    left = sum(1 for _ in desk.spool.records())
    print(f"{flushed} spooled ticket(s) written to the database, {left} left in the spool")
    return 0 if left == 0 else 3


def _days(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(prog="bot", description="Plan Next Tech assistant: administration.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    db = commands.add_parser("db", help="database schema").add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help="apply the migrations (alembic upgrade head)").set_defaults(handler=_db_upgrade)
    db.add_parser(
        "tracker-index", help="index Rasa's events by type and time, for the console's insight (TRACKER_STORE_URL)"
    ).set_defaults(handler=_db_tracker_index)

    staff = commands.add_parser("staff", help="staff accounts").add_subparsers(dest="action", required=True)
    add = staff.add_parser("add", help="create an account (password prompted twice)")
    add.add_argument("email")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(handler=_staff_add)
    staff.add_parser("list", help="list the accounts").set_defaults(handler=_staff_list)
    for name, active in (("disable", False), ("enable", True)):
        toggle = staff.add_parser(name, help=f"{name} an account")
        toggle.add_argument("email")
        toggle.set_defaults(handler=_staff_set_active(active))
    reset = staff.add_parser("reset-password", help="set a new password")
    reset.add_argument("email")
    reset.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    reset.set_defaults(handler=_staff_reset_password)

    purge = commands.add_parser(
        "purge",
        help="remove personal data of tickets closed long ago, idle conversations (TRACKER_STORE_URL, default"
        " var/tracker.db) and old outbox e-mails (MAIL_OUTBOX_DIR); spooled tickets are written first",
    )
    purge.add_argument("--older-than", type=_days, required=True, metavar="DAYS")
    purge.add_argument("--tickets-only", action="store_true", help="leave the tracker store and the outbox alone")
    purge.set_defaults(handler=_purge)

    mail = commands.add_parser("mail", help="reply e-mails").add_subparsers(dest="action", required=True)
    deliver = mail.add_parser("deliver", help="send the replies waiting for delivery")
    deliver.add_argument("--max-attempts", type=int, default=5)
    deliver.set_defaults(handler=_mail_deliver)

    spool = commands.add_parser("spool", help="tickets kept while the database was down")
    spool.add_subparsers(dest="action", required=True).add_parser(
        "flush", help="write them to the database"
    ).set_defaults(handler=_spool_flush)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 ok, 1 error, 2 usage, 3 work left)."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    handler: Handler = args.handler
    try:
        return handler(args)
    except (ValueError, LookupError) as error:
        print(f"bot: {error}", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        print(
            f"bot: database error ({type(error).__name__}); is it reachable and upgraded (bot db upgrade)?",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        return 130
