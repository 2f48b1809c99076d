"""Where the project's data lives, overridable for tests and deployments."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The `data/` folder (knowledge, vocabulary, language markers)."""
    return Path(os.environ.get("BOT_DATA_DIR", PROJECT_ROOT / "data"))
