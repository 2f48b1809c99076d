"""Where the project's data lives, overridable for tests and deployments (BOT_DATA_DIR)."""

from __future__ import annotations

from pathlib import Path

from bot.settings import PROJECT_ROOT, bot_settings

__all__ = ["PROJECT_ROOT", "data_dir"]


def data_dir() -> Path:
    """The `data/` folder (knowledge, vocabulary, language markers, interface texts)."""
    return bot_settings().data_dir
