"""Starts the action server with the spaCy pipelines and vocabularies already loaded.

`python -m bot.action_server` = `rasa run actions --actions actions`, plus a warm-up so
that the first applicant does not wait for spaCy to load.
"""

from __future__ import annotations

import argparse
import logging
import os

from rasa_sdk.endpoint import run

from bot.knowledge import load_knowledge
from bot.knowledge.vocabulary import matcher
from bot.language import SUPPORTED

log = logging.getLogger(__name__)


def warm_up() -> None:
    for lang in SUPPORTED:
        for section in load_knowledge(lang).vocabulary:
            matcher(lang, section)


def prepare_database() -> None:
    """Bring the ticket database to the latest schema. If it is unreachable, the action
    server still starts: tickets go to the spool and are written when it is back."""
    from bot.tickets.db import database_url_from_env, upgrade

    try:
        upgrade(database_url_from_env())
    except Exception as error:
        log.warning("ticket database not ready (%s): tickets will be spooled", type(error).__name__)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTIONS_PORT", "5055")))
    args = parser.parse_args()
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    os.environ.setdefault("SANIC_HOST", "127.0.0.1")  # internal service: loopback unless told
    warm_up()
    prepare_database()
    run("actions", port=args.port)


if __name__ == "__main__":
    main()
