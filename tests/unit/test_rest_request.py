"""The REST channel's checks of a request body, the text cleaning and typed intent syntax."""

from __future__ import annotations

import json

import pytest

from bot.rasa_io.intent_syntax import TYPED_TEXT_MARK, as_typed_text, offered_intent_payloads
from bot.rasa_io.rest_request import MAX_BODY_BYTES, BadRequest, RestRequest, parse_rest_request
from bot.rasa_io.sender import MAX_SENDER_CHARS, sender_problem
from bot.text.normalize import clean_text

OFFERED = offered_intent_payloads()


def parse(body: object) -> RestRequest:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return parse_rest_request(raw, OFFERED)


def refusal(body: object) -> tuple[int, str]:
    with pytest.raises(BadRequest) as refused:
        parse(body)
    return refused.value.status, refused.value.code


def test_a_well_formed_request_is_read_with_its_metadata() -> None:
    request = parse({"sender": "me", "message": "Quel budget ?", "metadata": {"language": "fr"}})
    assert (request.sender, request.text, request.metadata) == ("me", "Quel budget ?", {"language": "fr"})
    assert parse({"sender": "me", "message": ""}).metadata == {}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"not json", "invalid_json"),
        (b'{"sender": "me", "message": "\xff"}', "invalid_json"),
        (b"[" * 20_000, "invalid_json"),  # too deep for the JSON parser
        ([1], "invalid_body"),
        ("text", "invalid_body"),
        (None, "invalid_body"),
        ({"message": "x"}, "invalid_sender"),
        ({"sender": "", "message": "x"}, "invalid_sender"),
        ({"sender": "  ", "message": "x"}, "invalid_sender"),
        ({"sender": 5, "message": "x"}, "invalid_sender"),
        ({"sender": "\ud800x", "message": "x"}, "invalid_sender"),
        ({"sender": "a\x00b", "message": "x"}, "invalid_sender"),
        ({"sender": "a\nb", "message": "x"}, "invalid_sender"),
        ({"sender": "a\u200bb", "message": "x"}, "invalid_sender"),
        ({"sender": "x" * (MAX_SENDER_CHARS + 1), "message": "x"}, "invalid_sender"),
        ({"sender": "me"}, "invalid_message"),
        ({"sender": "me", "message": 5}, "invalid_message"),
        ({"sender": "me", "message": ["a"]}, "invalid_message"),
        ({"sender": "me", "message": "x", "metadata": [1]}, "invalid_metadata"),
        ({"sender": "me", "message": "x", "metadata": "fr"}, "invalid_metadata"),
    ],
)
def test_a_bad_request_is_refused_with_a_reason(body: object, code: str) -> None:
    assert refusal(body) == (400, code)


def test_a_body_beyond_any_message_is_refused_as_too_large() -> None:
    assert refusal({"sender": "me", "message": "a" * MAX_BODY_BYTES}) == (413, "too_large")


def test_the_text_is_cleaned() -> None:
    request = parse({"sender": "me", "message": "wat is het b\u200bud\u200dget \ud800?\x00"})
    assert request.text == "wat is het budget \ufffd?"


def test_clean_text_keeps_line_breaks_pairs_and_composes_accents() -> None:
    assert clean_text("e\u0301te\u0301\r\nligne\tdeux") == "été\nligne\tdeux"
    assert clean_text("\ud83d\ude00 \U0001f600") == "\U0001f600 \U0001f600"  # a valid pair is one emoji
    assert clean_text("\u202eevil\u2066 \u00adsoft\ufeff") == "evil soft"
    assert clean_text("Quel budget ?") == "Quel budget ?"


def test_typed_intent_syntax_becomes_text_but_offered_quick_replies_stay() -> None:
    assert "/ask_budget" in OFFERED and "/request_human" in OFFERED
    assert as_typed_text("/ask_budget", OFFERED) == "/ask_budget"
    for typed in ("/restart", "/session_start", '/ask_budget{"x": 1}', "/ask_budget@0.1", "/", "/nlu_fallback"):
        assert as_typed_text(typed, OFFERED) == TYPED_TEXT_MARK + typed
        assert clean_text(as_typed_text(typed, OFFERED)) == typed  # what the NLU reads
    assert as_typed_text("budget / deadline", OFFERED) == "budget / deadline"


def test_sender_ids_the_stores_can_hold() -> None:
    assert sender_problem("test-abc") is None
    assert sender_problem("x" * MAX_SENDER_CHARS) is None
    assert sender_problem("é ü 東京") is None
    assert sender_problem("\ud800") and sender_problem("\x00") and sender_problem(None)
