"""The Rasa server's HTTP API, for the maintainers' tools: status, parse, replace the model.

Synchronous (urllib): used by `make train` and `make rollback`, never inside bot.web's
event loop. With an auth token (`rasa run --auth-token`) every call carries `?token=`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any


class RasaUnreachable(Exception):
    """No Rasa server answers at this address."""


class RasaError(Exception):
    """The Rasa server answered with an error."""


@dataclass(frozen=True)
class ServerStatus:
    """`GET /status`: the model the server has loaded."""

    model_id: str | None
    model_file: str | None

    @classmethod
    def from_json(cls, data: Any) -> ServerStatus:
        """Read the reply of `GET /status` (missing or odd fields read as None)."""
        data = data if isinstance(data, dict) else {}
        model_id, model_file = data.get("model_id"), data.get("model_file")
        return cls(
            model_id if isinstance(model_id, str) and model_id else None,
            model_file if isinstance(model_file, str) and model_file else None,
        )


@dataclass(frozen=True)
class Parse:
    """`POST /model/parse`: the intent the NLU reads in a text."""

    intent: str
    confidence: float


class RasaHttp:
    """One Rasa server's HTTP API."""

    def __init__(self, base_url: str, token: str | None = None, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _call(self, method: str, path: str, body: Any = None, timeout: float | None = None) -> Any:
        url = self.base_url + path
        if self.token:
            url += "?" + urllib.parse.urlencode({"token": self.token})
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            raise RasaError(f"{method} {path}: HTTP {error.code} {detail}") from error
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            raise RasaUnreachable(f"{method} {path}: {error}") from error
        return json.loads(raw) if raw.strip() else None

    def status(self) -> ServerStatus:
        """The loaded model (RasaUnreachable when no server answers)."""
        return ServerStatus.from_json(self._call("GET", "/status"))

    def parse(self, text: str) -> Parse:
        """The NLU's reading of `text` (no conversation is touched)."""
        data = self._call("POST", "/model/parse", {"text": text})
        intent = data.get("intent") if isinstance(data, dict) else None
        intent = intent if isinstance(intent, dict) else {}
        return Parse(str(intent.get("name") or ""), float(intent.get("confidence") or 0.0))

    def replace_model(self, model_file: str, timeout: float = 600.0) -> None:
        """Load another model without a restart (`PUT /model`; the file must be on the
        server's machine). Messages arriving meanwhile are answered by the old model."""
        self._call("PUT", "/model", {"model_file": model_file}, timeout=timeout)
