"""The body of a REST channel request (POST /webhooks/rest/webhook), checked.

    {"sender": "<conversation id>", "message": "<text>", "metadata": {...}}

Anything else gets a `BadRequest` with a clear reason, answered as HTTP 400 (413 when
too large) instead of reaching the tracker store or the NLU. The text is cleaned
(`clean_text`) and typed intent syntax made text (`as_typed_text`).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from bot.rasa_io.intent_syntax import as_typed_text
from bot.rasa_io.sender import sender_problem
from bot.text.normalize import clean_text

# The longest message is refused by the NLU with an explanation (MAX_MESSAGE_CHARS);
# a body far beyond any message, JSON-escaped, is refused here before it is parsed.
MAX_BODY_BYTES = 64 * 1024


class BadRequest(Exception):
    """A request the channel refuses; `as_json()` is the reply's body."""

    def __init__(self, code: str, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.code, self.reason, self.status = code, reason, status

    def as_json(self) -> dict[str, str]:
        return {"error": self.code, "message": self.reason}


@dataclass(frozen=True)
class RestRequest:
    """A checked request: the sender id as given, the cleaned text, the metadata."""

    sender: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


def parse_rest_request(body: bytes, offered_payloads: Collection[str]) -> RestRequest:
    """The request in `body`, checked.

    Args:
        body: The raw HTTP body.
        offered_payloads: The intent payloads of the assistant's own quick replies.

    Raises:
        BadRequest: The body is not a JSON object with a valid sender, a string message
            and, if any, an object as metadata.
    """
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest("too_large", f"the body must be at most {MAX_BODY_BYTES} bytes", status=413)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # invalid JSON or UTF-8; nesting too deep
        raise BadRequest("invalid_json", "the body must be JSON encoded in UTF-8") from None
    if not isinstance(data, dict):
        raise BadRequest("invalid_body", 'the body must be a JSON object: {"sender": ..., "message": ...}')
    problem = sender_problem(data.get("sender"))
    if problem:
        raise BadRequest("invalid_sender", problem)
    message, metadata = data.get("message"), data.get("metadata")
    if not isinstance(message, str):
        raise BadRequest("invalid_message", "message must be a string")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest("invalid_metadata", "metadata must be a JSON object when given")
    text = as_typed_text(clean_text(message), offered_payloads)
    return RestRequest(sender=data["sender"], text=text, metadata=metadata or {})
