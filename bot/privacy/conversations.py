"""Removing old conversations from Rasa's SQL tracker store.

Conversations hold what applicants typed (sometimes an e-mail address or a name). Rasa
keeps them for ever; `bot purge --older-than DAYS` removes every conversation whose last
message is older than DAYS, except those of tickets still open or answered (staff need
their transcript). The table is Rasa's `events` (sender_id, timestamp in epoch seconds),
reflected rather than redeclared so a Rasa upgrade of its other columns does not matter.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy import MetaData, Table, create_engine, delete, func, inspect, make_url, select

from bot.paths import PROJECT_ROOT
from bot.settings import bot_settings


def default_tracker_store_url() -> str:
    """TRACKER_STORE_URL, or the embedded SQLite file `make run` uses (`var/tracker.db`)."""
    return bot_settings().tracker_store_url or f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.db'}"


def purge_conversations(
    tracker_store_url: str,
    older_than_days: int,
    keep: Iterable[str] = (),
    on_removed: Callable[[list[str]], None] | None = None,
) -> int:
    """Delete conversations idle for more than `older_than_days` days; returns how many.

    `on_removed` is given the ids removed, so that what else refers to them (feedback,
    annotations) goes too.
    """
    if older_than_days < 0:
        raise ValueError("older_than_days must be 0 or more")
    cutoff = time.time() - older_than_days * 86400
    url = make_url(tracker_store_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return 0  # no conversation was ever stored (do not create the file)
    engine = create_engine(url)
    try:
        if not inspect(engine).has_table("events"):
            return 0
        metadata = MetaData()
        metadata.reflect(engine, only=["events"])
        events: Table = metadata.tables["events"]
        idle = select(events.c.sender_id).group_by(events.c.sender_id).having(func.max(events.c.timestamp) < cutoff)
        kept = set(keep)
        with engine.begin() as connection:
            senders = [s for s in connection.scalars(idle) if s not in kept]
            for start in range(0, len(senders), 500):  # bounded IN lists
                connection.execute(delete(events).where(events.c.sender_id.in_(senders[start : start + 500])))
        if on_removed is not None and senders:
            on_removed(senders)
        return len(senders)
    finally:
        engine.dispose()
