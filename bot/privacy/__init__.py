"""Applicants' personal data beyond tickets: conversations in Rasa's tracker store, the
outbox's e-mails, and what deleted rows leave in SQLite files."""

from bot.privacy.compact import compact_sqlite
from bot.privacy.conversations import default_tracker_store_url, purge_conversations
from bot.privacy.outbox import purge_outbox

__all__ = ["compact_sqlite", "default_tracker_store_url", "purge_conversations", "purge_outbox"]
