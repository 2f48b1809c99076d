"""ORM rows to the frozen views handed to callers (inside the session that loaded them)."""

from __future__ import annotations

from bot.tickets.models import AuditEntry, Note, Reply, Staff, Ticket
from bot.tickets.views import AuditView, NoteView, ReplyView, StaffView, TicketView


def ticket_view(ticket: Ticket) -> TicketView:
    """The view of a ticket stored in the database."""
    return TicketView(
        reference=ticket.reference,
        language=ticket.language,
        question=ticket.question,
        conversation_id=ticket.conversation_id,
        contact_email=ticket.contact_email,
        reply_channel=ticket.reply_channel,
        status=ticket.status,
        assignee_email=ticket.assignee.email if ticket.assignee else None,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        pending=False,
        assignee_id=ticket.assignee_id,
        closed_at=ticket.closed_at,
    )


def reply_view(reply: Reply) -> ReplyView:
    """The view of a staff reply."""
    return ReplyView(
        id=reply.id,
        author_email=reply.author.email if reply.author else None,
        text=reply.text,
        created_at=reply.created_at,
        delivery_status=reply.delivery_status,
        delivery_attempts=reply.delivery_attempts,
        delivery_error=reply.delivery_error,
        last_attempt_at=reply.last_attempt_at,
    )


def note_view(note: Note) -> NoteView:
    """The view of an internal note."""
    return NoteView(
        id=note.id,
        author_email=note.author.email if note.author else None,
        text=note.text,
        created_at=note.created_at,
    )


def audit_view(entry: AuditEntry) -> AuditView:
    """The view of an audit entry."""
    return AuditView(
        at=entry.at,
        actor_email=entry.actor.email if entry.actor else None,
        action=entry.action,
        ticket_reference=entry.ticket.reference if entry.ticket else None,
        detail=entry.detail,
        account_email=entry.account.email if entry.account else None,
    )


def staff_view(staff: Staff) -> StaffView:
    """The view of a staff account (never its password hash)."""
    return StaffView(id=staff.id, email=staff.email, role=staff.role, active=staff.active, created_at=staff.created_at)
