"""`python -m tests.e2e.killed_after_save run ...`: the Rasa server of
`bot.rasa_plugins.server`, which kills itself (SIGKILL) right after the tracker store has
saved a message whose metadata has `kill_after_save`: the message stored, its answer never
sent, as when a server is killed between the two (tests/e2e/test_resilience.py). Rasa is
imported only when run, in the Rasa environment."""

from __future__ import annotations

import os
import runpy
import signal
from typing import Any

KILL_AFTER_SAVE = "kill_after_save"


def main() -> None:
    from rasa.shared.core.events import UserUttered

    from bot.rasa_plugins.tracker_store import SafeSQLTrackerStore

    save = SafeSQLTrackerStore.save

    async def save_then_die(self: SafeSQLTrackerStore, tracker: Any) -> None:
        await save(self, tracker)
        latest = next((e for e in reversed(tracker.events) if isinstance(e, UserUttered)), None)
        if latest is not None and (latest.metadata or {}).get(KILL_AFTER_SAVE):
            os.kill(os.getpid(), signal.SIGKILL)

    SafeSQLTrackerStore.save = save_then_die  # type: ignore[method-assign]
    runpy.run_module("bot.rasa_plugins.server", run_name="__main__")


if __name__ == "__main__":
    main()
