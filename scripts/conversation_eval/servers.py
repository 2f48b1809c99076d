"""The assistant started for one evaluation: real action server and Rasa server, then stopped.

Free loopback ports, the SQLite tracker store and the tickets database in a temporary
folder, today's real date (BOT_TODAY and CALL_DEADLINE cleared): what an applicant meets.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.processes import action_server, rasa_server
from tests.ports import free_port

# Cleared so that the deadline is judged against today, as in production.
_CLEARED = {"BOT_TODAY": "", "CALL_DEADLINE": ""}


@contextmanager
def running_assistant(model: Path, keep_logs: Path | None = None) -> Iterator[str]:
    """Start both servers with `model`; yield the Rasa server's URL; stop them."""
    if not model.exists():
        raise FileNotFoundError(f"no trained model at {model}: run `make train`")
    work = Path(tempfile.mkdtemp(prefix="conversations-"))
    env = {
        **_CLEARED,
        "DATABASE_URL": f"sqlite:///{work / 'bot.db'}",
        "TICKET_SPOOL_DIR": str(work / "spool"),
        "MAIL_OUTBOX_DIR": str(work / "outbox"),
    }
    rasa_port, actions_port = free_port(), free_port()
    actions = action_server(actions_port, log=work / "actions.log", env=env)
    rasa = rasa_server(
        rasa_port, actions_port, f"sqlite:///{work / 'tracker.db'}", model=model, log=work / "rasa.log", env=env
    )
    try:
        actions.start()
        rasa.start()
        actions.wait_ready()
        rasa.wait_ready()
        yield f"http://127.0.0.1:{rasa_port}"
    finally:
        rasa.stop()
        actions.stop()
        if keep_logs:
            keep_logs.mkdir(parents=True, exist_ok=True)
            for log in ("rasa.log", "actions.log"):
                if (work / log).exists():
                    shutil.copy(work / log, keep_logs / f"conversations-{log}")
        shutil.rmtree(work, ignore_errors=True)
