"""Starts the action server with the spaCy pipelines and vocabularies already loaded.

`python -m bot.action_server` = `rasa run actions --actions actions`, plus a warm-up so
that the first applicant does not wait for spaCy to load.
"""

from __future__ import annotations

import argparse
import logging
import os

from rasa_sdk.endpoint import run

from bot.answers.vocabulary import matcher
from bot.knowledge import load_knowledge
from bot.language import SUPPORTED


def warm_up() -> None:
    for lang in SUPPORTED:
        for section in load_knowledge(lang).vocabulary:
            matcher(lang, section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTIONS_PORT", "5055")))
    args = parser.parse_args()
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    os.environ.setdefault("SANIC_HOST", "127.0.0.1")  # internal service: loopback unless told
    warm_up()
    run("actions", port=args.port)


if __name__ == "__main__":
    main()
