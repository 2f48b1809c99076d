"""Applicants' personal data beyond tickets: their conversations in Rasa's tracker store."""

from bot.privacy.conversations import purge_conversations

__all__ = ["purge_conversations"]
