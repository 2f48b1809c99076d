"""The knowledge of the call: facts from `data/knowledge/call.yml`, wording per language."""

from bot.knowledge.loader import Knowledge, load_knowledge

__all__ = ["Knowledge", "load_knowledge"]
