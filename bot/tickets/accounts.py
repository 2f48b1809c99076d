"""Staff accounts and the audit log. Accounts are created by the `bot` CLI; none by default."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.tickets import validation
from bot.tickets.base import DeskBase
from bot.tickets.convert import audit_view, staff_view
from bot.tickets.models import AuditEntry, Staff
from bot.tickets.passwords import hash_password, needs_rehash, verify_password
from bot.tickets.views import AuditView, StaffView

log = logging.getLogger(__name__)


class AccountsMixin(DeskBase):
    """Creating, checking and disabling staff accounts; reading and writing the audit log."""

    def add_staff(self, email: str, password: str, role: str, actor_id: int | None = None) -> StaffView:
        """Create an account (actor None: the command line).

        Raises:
            ValueError: Invalid e-mail address or role, weak password, or the account exists.
        """
        email, role = validation.staff_email(email), validation.role(role)
        password_hash = hash_password(password)
        try:
            with self._sessions.begin() as session:
                self._actor(session, actor_id)
                if session.scalar(select(Staff.id).where(Staff.email == email)) is not None:
                    raise ValueError("a staff account with this e-mail address already exists")
                staff = Staff(email=email, password_hash=password_hash, role=role, active=True, created_at=self._now())
                session.add(staff)
                session.flush()
                self._audit(session, actor_id, "staff_added", f"role={role}", account_id=staff.id)
                return staff_view(staff)
        except IntegrityError as error:  # created by someone else at the same moment
            raise ValueError("a staff account with this e-mail address already exists") from error

    def authenticate(self, email: str, password: str) -> StaffView | None:
        """The active account with these credentials, or None (same cost whether it exists or not)."""
        try:
            email = validation.staff_email(email)
        except ValueError:
            verify_password(None, password)
            return None
        with self._sessions.begin() as session:
            staff = session.scalar(select(Staff).where(Staff.email == email))
            if not verify_password(staff.password_hash if staff else None, password) or staff is None:
                return None
            if not staff.active:
                return None
            if needs_rehash(staff.password_hash):
                staff.password_hash = hash_password(password)
            return staff_view(staff)

    def get_staff(self, staff_id: int) -> StaffView | None:
        """The account with this id, or None."""
        with self._sessions() as session:
            staff = session.get(Staff, staff_id)
            return staff_view(staff) if staff else None

    def find_staff(self, email: str) -> StaffView | None:
        """The account with this e-mail address (case ignored), or None."""
        with self._sessions() as session:
            staff = session.scalar(select(Staff).where(Staff.email == email.strip().lower()))
            return staff_view(staff) if staff else None

    def list_staff(self) -> list[StaffView]:
        """Every account, by e-mail address."""
        with self._sessions() as session:
            return [staff_view(staff) for staff in session.scalars(select(Staff).order_by(Staff.email))]

    def set_active(self, staff_id: int, active: bool, actor_id: int | None) -> StaffView:
        """Enable or disable an account (a disabled account cannot log in or act).

        Raises:
            LookupError: No such account.
        """
        with self._sessions.begin() as session:
            self._actor(session, actor_id)
            staff = self._staff(session, staff_id)
            staff.active = active
            self._audit(session, actor_id, "staff_enabled" if active else "staff_disabled", account_id=staff.id)
            return staff_view(staff)

    def reset_password(self, staff_id: int, password: str, actor_id: int | None) -> StaffView:
        """Set a new password.

        Raises:
            LookupError: No such account.
            ValueError: Weak password.
        """
        password_hash = hash_password(password)
        with self._sessions.begin() as session:
            self._actor(session, actor_id)
            staff = self._staff(session, staff_id)
            staff.password_hash = password_hash
            self._audit(session, actor_id, "password_reset", account_id=staff.id)
            return staff_view(staff)

    def audit_log(self, limit: int = 200) -> list[AuditView]:
        """The latest audit entries, newest first."""
        query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(max(0, limit))
        with self._sessions() as session:
            return [audit_view(entry) for entry in session.scalars(query)]

    def record(self, actor_id: int | None, action: str, detail: str, reference: str | None = None) -> None:
        """Write an audit entry for an event of the console (login, logout, export…).

        Raises:
            ValueError: Empty or overlong action.
            LookupError: `reference` given but no such ticket.
        """
        action = validation.text(action, "audit action", 64)
        with self._sessions.begin() as session:
            self._actor(session, actor_id)
            ticket = self._ticket(session, reference) if reference is not None else None
            self._audit(session, actor_id, action, detail[: validation.MAX_TEXT_CHARS], ticket=ticket)
