"""Removing old reply e-mails from the outbox folder (`.eml` files, written without SMTP).

Each file holds an applicant's address and a reply; once DAYS old it has long been
picked up (or never will be), and `bot purge --older-than DAYS` deletes it.
"""

from __future__ import annotations

import time
from pathlib import Path


def purge_outbox(folder: Path, older_than_days: int) -> int:
    """Delete the outbox's `.eml` files written more than `older_than_days` days ago; returns how many."""
    if older_than_days < 0:
        raise ValueError("older_than_days must be 0 or more")
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than_days * 86400
    removed = 0
    for path in folder.glob("*.eml"):
        try:
            if path.stat().st_mtime <= cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # taken meanwhile
            continue
    return removed
