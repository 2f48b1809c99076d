"""The REST input channel (`credentials.yml`): Rasa's, with the request checked first.

Rasa's own channel hands any body to the tracker store and the NLU: a sender id with a
lone surrogate made the server exit, JSON that is not an object gave a 500, a
non-string message `200 []`, and a failing message was logged with its text. This one
answers a clear 400 to a bad request (`bot.rasa_io.rest_request`), cleans the text,
turns typed intent syntax into text, and logs failures without what the applicant wrote.
Its name is "rest", so the URL stays `/webhooks/rest/webhook`. Streaming is not offered.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.rasa_io.intent_syntax import offered_intent_payloads
from bot.rasa_io.rest_request import BadRequest, parse_rest_request

log = logging.getLogger(__name__)


class RestChannel(RestInput):  # type: ignore[misc]  # Rasa is not installed where mypy runs: its classes are Any
    """POST /webhooks/rest/webhook with a checked body (see module docstring)."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])  # type: ignore[untyped-decorator]  # unannotated in Sanic 21.12
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])  # type: ignore[untyped-decorator]  # as above
        async def receive(request: Request) -> HTTPResponse:
            try:
                checked = parse_rest_request(request.body, offered_intent_payloads())
            except BadRequest as refused:
                return response.json(refused.as_json(), status=refused.status)
            collector = CollectingOutputChannel()
            message = UserMessage(
                checked.text, collector, checked.sender, input_channel=self.name(), metadata=checked.metadata
            )
            try:
                await on_new_message(message)
            except asyncio.CancelledError:
                log.error("a message was cancelled before its reply (timeout)")
            except Exception as error:  # logged without the text: it is the applicant's
                log.error("a message could not be handled: %s", type(error).__name__)
                return response.json(
                    {"error": "unavailable", "message": "the assistant could not answer; try again"}, status=503
                )
            return response.json(collector.messages)

        return webhook
