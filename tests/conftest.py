"""Shared test set-up: the project on sys.path (tests run from any folder), and settings
read afresh in each test (a test may set the environment with monkeypatch)."""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.settings import bot_settings  # noqa: E402 (after the path is set)


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """The process reads its settings once; each test reads them again after its set-up."""
    bot_settings.cache_clear()
    yield
    bot_settings.cache_clear()
