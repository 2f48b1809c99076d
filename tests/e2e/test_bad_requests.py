"""Bad requests to the real Rasa server: a clear 400 or a clear reply, and it keeps running."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from bot.credentials import ephemeral
from tests.e2e.conftest import Assistant


def alive(assistant: Assistant) -> bool:
    return assistant.rasa.process is not None and assistant.rasa.process.poll() is None


def api(assistant: Assistant, method: str, path: str, body: object = None) -> int:
    """Status of a call to the Rasa HTTP API, with its token (the id quoted into the path)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{assistant.rasa_port}{path}?token={ephemeral().rasa_token}",
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method=method,
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.close()
        return int(error.code)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b'{"sender":"\\ud800x","message":"budget ?"}', "invalid_sender"),  # killed the server before
        (b'{"sender":"a\\u0000b","message":"budget ?"}', "invalid_sender"),
        (b"[1, 2]", "invalid_body"),  # was a 500
        (b'{"sender":"me","message":42}', "invalid_message"),  # was 200 []
        (b'{"sender":"me","message":"hi","metadata":"fr"}', "invalid_metadata"),  # was 200 []
        (b"{not json", "invalid_json"),
    ],
)
def test_a_bad_body_gets_a_400_with_a_reason_and_the_server_survives(
    assistant: Assistant, body: bytes, code: str
) -> None:
    status, reply = assistant.post_webhook(body)
    assert (status, reply["error"]) == (400, code) and reply["message"]
    assert alive(assistant)
    assert "400.000 €" in assistant.text("after-bad-request", "Quel est le budget ?")


def test_a_nul_in_the_sender_is_refused_on_postgresql(postgres_assistant: Assistant) -> None:
    status, reply = postgres_assistant.post_webhook(b'{"sender":"a\\u0000b","message":"budget ?"}')
    assert (status, reply["error"]) == (400, "invalid_sender")
    assert alive(postgres_assistant)
    assert "€ 400.000" in postgres_assistant.text("after-nul", "Wat is het budget?")


def test_a_lone_surrogate_or_zero_width_spaces_in_the_text_still_get_an_answer(
    assistant: Assistant, sender: str
) -> None:
    assert "400.000 €" in assistant.text(sender, "Quel est le budget \ud800 ?")
    zero_width = "\u200b".join("Wat is het budget van de oproep?")
    assert "€ 400.000" in assistant.text(sender, zero_width)  # understood, and in Dutch


@pytest.mark.parametrize("typed", ["/restart", "/session_start", '/ask_budget{"language": "nl"}', "/stop"])
def test_typed_intent_syntax_is_text_not_a_command(assistant: Assistant, sender: str, typed: str) -> None:
    assistant.text(sender, "Quel est le budget ?")
    replies = assistant.say(sender, typed)
    assert replies and replies[0].get("text")  # a reply, not silence
    events = assistant.tracker(sender)["events"]
    assert [e["event"] for e in events].count("session_started") == 1  # nothing was reset
    assert any(e.get("text") == "Quel est le budget ?" for e in events)


def test_the_assistants_own_quick_replies_still_trigger_their_intent(assistant: Assistant, sender: str) -> None:
    buttons = assistant.say(sender, "Bonjour")[0]["buttons"]
    deadline = next(b["payload"] for b in buttons if b["payload"] == "/ask_deadline")
    assert "1er septembre 2016" in assistant.text(sender, deadline)


@pytest.mark.parametrize("sender_id", ["x" * 300, "a\x00b", "\ud800"])
def test_the_http_api_is_no_way_around_the_channel(assistant: Assistant, sender_id: str) -> None:
    path = "/conversations/" + urllib.parse.quote(sender_id.encode("utf-8", "surrogatepass"), safe="")
    for method, suffix, body in [
        ("GET", "/tracker", None),
        ("POST", "/messages", {"text": "budget ?", "sender": "user"}),
        ("POST", "/trigger_intent", {"name": "ask_budget"}),
        ("POST", "/tracker/events", {"event": "action", "name": "x\ud800\x00"}),
    ]:
        status = api(assistant, method, path + suffix, body)
        assert status < 500 and status not in {401, 403}  # the call reached the store, which refused
        assert alive(assistant)


QUESTIONS = [
    "Quel est le budget total de l'appel ?", "Wat is het totale budget van de oproep?",
    "Jusqu'à quand peut-on rentrer un projet ?", "Tot wanneer kunnen we indienen?",
    "Les indépendants peuvent-ils participer ?", "Mogen zelfstandigen deelnemen?",
    "Quelles sont les technologies visées ?", "Wie heeft de oproep gelanceerd?",
    "Quelles sont les mesures prioritaires ?", "Welke maatregelen zijn er?",
]  # fmt: skip


@pytest.mark.parametrize("question", QUESTIONS)
def test_invisible_characters_change_nothing_to_the_answer(assistant: Assistant, question: str) -> None:
    # Every character separated by a zero-width space, a joiner or a soft hyphen in turn.
    marks = ["\u200b", "\u200d", "\u00ad", "\ufeff", "\u2060"]
    hidden = "".join(c + marks[i % len(marks)] for i, c in enumerate(question))
    plain = assistant.text(f"plain-{abs(hash(question))}", question)
    assert assistant.text(f"hidden-{abs(hash(question))}", hidden) == plain
