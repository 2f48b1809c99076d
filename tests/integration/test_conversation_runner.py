"""The conversation runner against a stand-in REST channel on loopback (a real HTTP server)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from bot.rasa_io.rest import RestChannel
from scripts.conversation_eval.cases import Conversation, Expectation, Turn
from scripts.conversation_eval.runner import run_conversation
from scripts.conversation_eval.vocabulary import vocabulary

REPLIES = {
    "budget ?": [{"text": "Le budget total de l'appel est de 400.000 €."}],
    "et le maximum ?": [{"text": "Le maximum est de 50.000 € par projet."}, {"buttons": [{"title": "Oui"}]}],
}


class StandInRasa(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append(body)
        data = json.dumps(REPLIES.get(body["message"], [])).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def channel() -> Iterator[RestChannel]:
    StandInRasa.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandInRasa)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield RestChannel(f"http://127.0.0.1:{server.server_address[1]}", timeout=5)
    server.shutdown()
    server.server_close()


def conversation(*turns: Turn) -> Conversation:
    return Conversation(id="fr-test-01", kind="memory", lang="fr", turns=turns, source="fr.yml")


def test_a_conversation_is_played_as_one_new_applicant(channel: RestChannel) -> None:
    played = conversation(
        Turn("budget ?", "fr", (Expectation("budget"),), metadata={"language": "fr"}),
        Turn("et le maximum ?", "fr", ()),
    )
    result = run_conversation(played, channel, vocabulary())
    first, second = StandInRasa.received
    assert first["sender"] == second["sender"] and first["sender"].startswith("conv-")
    assert first["metadata"] == {"language": "fr"} and "metadata" not in second
    assert result.turns[0].failures == [] and result.turns[0].seconds is not None
    assert result.turns[1].failures == ["invented amount 50,000 EUR"]
    assert result.turns[1].reply.endswith("\nOui") and not result.passed
    again = run_conversation(played, channel, vocabulary())
    assert StandInRasa.received[2]["sender"] != first["sender"]
    assert not again.passed


def test_an_empty_context_reply_fails(channel: RestChannel) -> None:
    result = run_conversation(conversation(Turn("bonjour ?", "fr", None)), channel, vocabulary())
    assert result.turns[0].failures == ["no reply"]


def test_a_server_that_does_not_answer_fails_the_conversation() -> None:
    dead = RestChannel("http://127.0.0.1:9", timeout=2)
    result = run_conversation(conversation(Turn("budget ?", "fr", ()), Turn("ok", "fr", ())), dead, vocabulary())
    assert result.request_failed and len(result.turns) == 1 and not result.passed
