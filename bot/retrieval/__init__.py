"""Answers grounded in the call text: lemma-based retrieval over the knowledge base."""

from bot.retrieval.index import Match, PassageIndex, best_passage, threshold
from bot.retrieval.passages import Passage, passages

__all__ = ["Match", "Passage", "PassageIndex", "best_passage", "passages", "threshold"]
