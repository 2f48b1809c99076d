"""Starts the action server with the spaCy pipelines and vocabularies already loaded.

`python -m bot.action_server` = `rasa run actions --actions actions`, plus a warm-up so
that the first applicant does not wait for spaCy to load, a shared secret every call
but `/health` must carry (ACTION_SERVER_SECRET, header X-Action-Secret: only the Rasa
server may run actions), and errors answered without echoing the call (the tracker,
with what the applicant wrote, would go back to Rasa and into its log).
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
import traceback

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.credentials import ACTION_SECRET_HEADER
from bot.knowledge import load_knowledge
from bot.knowledge.vocabulary import matcher
from bot.language import SUPPORTED

log = logging.getLogger(__name__)
OPEN_PATHS = frozenset({"/health"})  # the supervisor and bot.web's /healthz


def warm_up() -> None:
    """Loads the vocabulary matchers of every language before the first message."""
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


def secured_app(secret: str) -> Sanic:
    """rasa_sdk's application for the `actions` package, behind the shared secret."""
    app = create_app("actions", cors_origins=None)

    async def require_secret(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(ACTION_SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return response.json({"error": "unauthorized"}, status=401)
        return None

    async def failed(request: Request, error: Exception) -> HTTPResponse:
        # Where it failed, not the error's text: it may quote what the applicant wrote.
        where = "".join(traceback.format_tb(error.__traceback__))
        log.error("action call failed: %s\n%s", type(error).__name__, where)
        return response.json({"error": type(error).__name__}, status=500)

    app.register_middleware(require_secret, "request")
    app.error_handler.add(Exception, failed)  # replaces rasa_sdk's, which echoes the call
    return app


def main() -> int:
    """Runs the action server (README: credentials, port, host)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTIONS_PORT", "5055")))
    args = parser.parse_args()
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    secret = os.environ.get("ACTION_SERVER_SECRET", "")
    if not secret:
        print("ACTION_SERVER_SECRET is not set: the action server would run anyone's calls", file=sys.stderr)
        return 2
    warm_up()
    prepare_database()
    host = os.environ.get("SANIC_HOST", "127.0.0.1")  # internal service: loopback unless told
    secured_app(secret).run(host, args.port, workers=utils.number_of_sanic_workers())
    return 0


if __name__ == "__main__":
    sys.exit(main())
