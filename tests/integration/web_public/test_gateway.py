"""The chat gateway's security and resilience, checked directly on the WebSocket."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.limits import max_message_chars
from bot.web.keys import LIVE
from bot.web.public.conversations import valid_conversation_id
from bot.web.settings import WebSettings

from .conftest import FakeRasa, public_app, with_settings

Client = TestClient[Any, Any]


def own_origin(client: Client) -> str:
    return f"http://{client.host}:{client.port}"


async def open_chat(
    client: Client, conversation_id: str = "", lang: str = "fr", origin: str | None = None
) -> tuple[aiohttp.ClientWebSocketResponse, dict[str, Any]]:
    ws = await client.ws_connect("/chat/ws", headers={"Origin": origin or own_origin(client)})
    await ws.send_json({"type": "hello", "conversation_id": conversation_id, "lang": lang})
    welcome = await ws.receive_json(timeout=5)
    assert welcome["type"] == "welcome"
    return ws, welcome


async def say(ws: aiohttp.ClientWebSocketResponse, text: str, message_id: str, lang: str = "fr") -> dict[str, Any]:
    await ws.send_json({"type": "message", "id": message_id, "text": text, "lang": lang})
    return dict(await ws.receive_json(timeout=10))


@pytest.mark.parametrize("origin", ["http://evil.example", "null", None])
async def test_a_foreign_or_missing_origin_is_refused_before_the_upgrade(client: Client, origin: str | None) -> None:
    headers = {"Origin": origin} if origin else {}
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/chat/ws", headers=headers)
    assert refused.value.status == 403


async def test_a_page_naming_another_site_as_origin_and_host_is_refused(client: Client) -> None:
    headers = {"Origin": "http://evil.example", "Host": "evil.example"}
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/chat/ws", headers=headers)
    assert refused.value.status == 403


async def test_configured_origins_replace_the_default_ones(settings: WebSettings) -> None:
    app = public_app(with_settings(settings, allowed_origins=("https://call.example",)))
    async with TestClient(TestServer(app, port=settings.port)) as client:
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await client.ws_connect("/chat/ws", headers={"Origin": own_origin(client)})
        ws, _ = await open_chat(client, origin="https://call.example")
        await ws.close()


async def test_conversation_ids_are_made_by_the_server_and_random(client: Client) -> None:
    ids = set()
    for given in ["", "guessable", "../../etc", "a" * 31]:
        ws, welcome = await open_chat(client, given)
        assert valid_conversation_id(welcome["conversation_id"]) and welcome["history"] == []
        ids.add(welcome["conversation_id"])
        await ws.close()
    assert len(ids) == 4


async def test_a_message_reaches_rasa_with_the_page_language(client: Client, rasa: FakeRasa) -> None:
    ws, welcome = await open_chat(client, lang="nl")
    reply = await say(ws, "Wat is de uiterste datum?", "m1", lang="nl")
    assert reply["type"] == "reply" and reply["id"] == "m1"
    assert reply["messages"][0]["text"].startswith("echo: Wat is de uiterste datum?")
    assert reply["messages"][0]["buttons"] == [{"title": "Budget", "payload": "/ask_budget"}]
    assert rasa.received == [
        {
            "sender": welcome["conversation_id"],
            "message": "Wat is de uiterste datum?",
            "metadata": {"language": "nl", "message_id": "m1"},  # the id: for "was this helpful?"
        }
    ]
    await ws.close()


async def test_an_oversized_message_is_explained_and_not_sent(client: Client, rasa: FakeRasa) -> None:
    ws, _ = await open_chat(client)
    limit = max_message_chars()
    error = await say(ws, "x" * (limit + 1), "long1")
    assert error["code"] == "too_long" and not error["retry"]
    assert f"{limit + 1} caractères, maximum {limit}" in error["text"]
    assert (await say(ws, "x" * limit, "long2"))["type"] == "reply"  # the limit itself is fine
    assert len(rasa.received) == 1
    await ws.close()


async def test_a_giant_frame_closes_the_socket(client: Client) -> None:
    ws, _ = await open_chat(client)
    await ws.send_str("x" * (max_message_chars() * 7 + 10_000))
    closing = await ws.receive(timeout=5)
    assert closing.type in {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING}
    assert ws.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG


async def test_rate_limit_per_conversation(client: Client, rasa: FakeRasa) -> None:
    ws, _ = await open_chat(client, lang="nl")
    for n in range(5):
        assert (await say(ws, f"vraag {n}", f"q{n}", lang="nl"))["type"] == "reply"
    refused = await say(ws, "nog een", "q5", lang="nl")
    assert refused["code"] == "rate_limited" and refused["retry"] and refused["retry_after"] >= 1
    assert "seconden" in refused["text"]
    assert len(rasa.received) == 5
    await ws.close()


async def test_rate_limit_per_address_across_conversations(client: Client, rasa: FakeRasa) -> None:
    first, _ = await open_chat(client)
    second, _ = await open_chat(client)
    for n in range(5):
        assert (await say(first, f"q{n}", f"a{n}"))["type"] == "reply"
    for n in range(3):
        assert (await say(second, f"q{n}", f"b{n}"))["type"] == "reply"
    assert (await say(second, "encore", "b3"))["code"] == "rate_limited"
    assert len(rasa.received) == 8
    await first.close()
    await second.close()


async def test_rasa_down_is_explained_and_the_message_goes_through_when_it_is_back(
    client: Client, rasa: FakeRasa
) -> None:
    ws, _ = await open_chat(client, lang="nl")
    await rasa.stop()
    error = await say(ws, "Wie mag deelnemen?", "down1", lang="nl")
    assert error["code"] == "unavailable" and error["retry"] and error["id"] == "down1"
    assert "niet bereikbaar" in error["text"]
    await rasa.start()
    reply = await say(ws, "Wie mag deelnemen?", "down1", lang="nl")  # the page sends it again
    assert reply["type"] == "reply" and reply["messages"][0]["text"].startswith("echo: Wie mag deelnemen?")
    await ws.close()


async def test_json_nested_too_deep_is_invalid_and_the_chat_goes_on(client: Client) -> None:
    ws, _ = await open_chat(client)
    await ws.send_str("[" * 5000)  # the JSON reader gives up (RecursionError): it dropped the socket
    assert (await ws.receive_json(timeout=5))["code"] == "invalid"
    assert (await say(ws, "Quel budget ?", "after-deep"))["type"] == "reply"
    await ws.close()


async def test_an_action_server_down_keeps_the_message_for_later_and_the_history_shows_it_once(
    client: Client, rasa: FakeRasa
) -> None:
    ws, welcome = await open_chat(client)
    rasa.actions_down = True
    error = await say(ws, "Quel budget ?", "act1")
    assert error["code"] == "unavailable" and error["retry"]  # the page keeps it and sends it again
    rasa.actions_down = False
    reply = await say(ws, "Quel budget ?", "act1")
    assert reply["type"] == "reply" and reply["messages"][0]["text"].startswith("echo: Quel budget ?")
    await ws.close()
    again, rejoined = await open_chat(client, welcome["conversation_id"])
    assert [line["role"] for line in rejoined["history"]] == ["applicant", "assistant"]
    await again.close()


async def test_a_reload_gets_the_history_with_quick_reply_titles(client: Client) -> None:
    ws, welcome = await open_chat(client)
    await say(ws, "Bonjour", "h1")
    await say(ws, "/ask_budget", "h2")  # the quick reply offered with the first answer
    await ws.close()
    again, rejoined = await open_chat(client, welcome["conversation_id"])
    assert rejoined["conversation_id"] == welcome["conversation_id"]
    history = rejoined["history"]
    assert [(line["role"], line["text"][:13]) for line in history] == [
        ("applicant", "Bonjour"),
        ("assistant", "echo: Bonjour"),
        ("applicant", "Budget"),
        ("assistant", "echo: /ask_bu"),
    ]
    await again.close()


async def test_a_message_resent_after_a_dropped_connection_is_answered_once(client: Client, rasa: FakeRasa) -> None:
    ws, welcome = await open_chat(client)
    await say(ws, "Quel budget ?", "once")
    await ws.close()
    again, _ = await open_chat(client, welcome["conversation_id"])
    duplicate = await say(again, "Quel budget ?", "once")
    assert duplicate == {"type": "reply", "id": "once", "messages": [], "duplicate": True}
    assert len(rasa.received) == 1
    await again.close()


async def test_staff_replies_reach_the_open_page_within_two_seconds(client: Client) -> None:
    ws, welcome = await open_chat(client)
    other, _ = await open_chat(client)
    hub = client.app[LIVE]
    delivered = await hub.publish(
        welcome["conversation_id"], {"type": "staff_reply", "text": "<b>Oui</b>", "reference": 7}
    )
    assert delivered == 1
    pushed = await ws.receive_json(timeout=2)
    assert pushed == {"type": "staff_reply", "text": "<b>Oui</b>", "reference": "7"}
    with pytest.raises(asyncio.TimeoutError):  # another conversation sees nothing
        await other.receive_json(timeout=0.3)
    await ws.close()
    await other.close()


async def test_malformed_frames_get_an_error_and_the_chat_goes_on(client: Client) -> None:
    ws, _ = await open_chat(client)
    await ws.send_str("not json")
    assert (await ws.receive_json(timeout=5))["code"] == "invalid"
    assert (await say(ws, "   ", "blank"))["code"] == "invalid"
    assert (await say(ws, "ok", "bad id!"))["code"] == "invalid"
    assert (await say(ws, "ok", "good-id"))["type"] == "reply"
    await ws.close()


async def test_a_socket_that_never_says_hello_is_closed(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.web.public.gateway.HELLO_TIMEOUT", 0.2)
    ws = await client.ws_connect("/chat/ws", headers={"Origin": own_origin(client)})
    closing = await ws.receive(timeout=5)
    assert closing.type in {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED}


async def test_shutting_down_tells_open_pages_it_is_going_away(client: Client) -> None:
    ws, _ = await open_chat(client)
    await client.app.shutdown()  # what a stopping server does first
    closing = await ws.receive(timeout=5)
    assert closing.type in {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED}
    assert ws.close_code == aiohttp.WSCloseCode.GOING_AWAY


async def test_a_flood_of_frames_is_refused_without_queueing(client: Client, rasa: FakeRasa) -> None:
    ws, _ = await open_chat(client)
    for n in range(40):
        await ws.send_json({"type": "message", "id": f"f{n}", "text": "spam", "lang": "fr"})
    answers = [await ws.receive_json(timeout=10) for _ in range(40)]
    assert all(a["type"] == "reply" or a["code"] == "rate_limited" for a in answers)
    assert len(rasa.received) <= 5  # the per-conversation limit of these tests
    await ws.close()


async def test_connections_per_address_are_limited_too(client: Client) -> None:
    sockets = [(await open_chat(client))[0] for _ in range(8)]  # the per-address limit of these tests
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/chat/ws", headers={"Origin": own_origin(client)})
    assert refused.value.status == 429
    for ws in sockets:
        await ws.close()
