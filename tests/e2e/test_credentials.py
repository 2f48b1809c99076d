"""Credentials between the services: the Rasa HTTP API and the action server refuse strangers."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from bot.credentials import ACTION_SECRET_HEADER, ephemeral
from tests.e2e.conftest import Assistant


def call(url: str, body: object = None, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, str]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return int(error.code), error.read().decode()


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/conversations/someone/tracker"), ("POST", "/conversations/someone/tracker/events"),
     ("PUT", "/model"), ("GET", "/status")],
)  # fmt: skip
def test_the_rasa_http_api_needs_the_token(assistant: Assistant, method: str, path: str) -> None:
    base = f"http://127.0.0.1:{assistant.rasa_port}{path}"
    body: dict[str, object] | None = {} if method != "GET" else None
    assert call(base, body, method=method)[0] == 401
    assert call(base + "?token=wrong", body, method=method)[0] in {401, 403}
    if method == "GET":
        assert call(f"{base}?token={ephemeral().rasa_token}")[0] == 200


def test_the_action_server_runs_only_calls_with_the_secret(assistant: Assistant) -> None:
    base = f"http://127.0.0.1:{assistant.actions_port}"
    call_body = {"next_action": "action_answer", "sender_id": "x", "tracker": {"sender_id": "x", "events": []}}
    json_header = {"Content-Type": "application/json"}
    assert call(base + "/webhook", call_body, json_header, "POST")[0] == 401
    assert call(base + "/webhook", call_body, {**json_header, ACTION_SECRET_HEADER: "wrong"}, "POST")[0] == 401
    assert call(base + "/actions")[0] == 401
    assert call(base + "/health")[0] == 200


def test_a_failing_action_call_is_not_echoed_back(assistant: Assistant) -> None:
    # rasa_sdk answered errors with the whole call (the tracker, what applicants wrote), and
    # Rasa logged that answer.
    headers = {"Content-Type": "application/json", ACTION_SECRET_HEADER: ephemeral().action_secret}
    secret_text = "my address is jeanne@example.org"
    broken = {"next_action": "action_answer", "sender_id": "x", "tracker": {"latest_message": secret_text}}
    status, body = call(f"http://127.0.0.1:{assistant.actions_port}/webhook", broken, headers, "POST")
    assert status >= 400 and "jeanne@example.org" not in body
