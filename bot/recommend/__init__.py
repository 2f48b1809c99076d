"""Recommending the priority measure(s) a project description fits (see measures.py)."""

from bot.recommend.measures import Recommendation, recommend

__all__ = ["Recommendation", "recommend"]
