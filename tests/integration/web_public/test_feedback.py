""" "Was this helpful?" over the chat WebSocket: stored with the message's intent, changed once."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.tickets.db import make_engine
from bot.tickets.models import Feedback
from bot.web.settings import WebSettings

from .conftest import FakeRasa, public_app, with_settings
from .test_gateway import open_chat, say

Client = TestClient[Any, Any]


async def vote(ws: Any, message_id: str, helpful: object) -> dict[str, Any]:
    await ws.send_json({"type": "feedback", "id": message_id, "helpful": helpful})
    return dict(await ws.receive_json(timeout=10))


async def test_a_vote_is_stored_with_the_intent_and_can_change_once(
    client: Client, rasa: FakeRasa, settings: WebSettings
) -> None:
    ws, welcome = await open_chat(client)
    conversation = welcome["conversation_id"]
    assert (await say(ws, "Mon mail est jean@exemple.be, le budget ?", "m1"))["type"] == "reply"
    assert rasa.received[-1]["metadata"] == {"language": "fr", "message_id": "m1"}
    saved = await vote(ws, "m1", False)
    assert saved == {"type": "feedback_saved", "id": "m1", "helpful": False, "final": False,
                     "text": "Merci pour votre avis. Vous pouvez encore le changer une fois."}  # fmt: skip
    changed = await vote(ws, "m1", True)
    assert changed["type"] == "feedback_saved" and changed["helpful"] and changed["final"]
    locked = await vote(ws, "m1", False)
    assert locked["type"] == "feedback_refused" and "déjà été changé" in locked["text"]
    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        [row] = session.scalars(select(Feedback)).all()
    engine.dispose()
    assert (row.conversation_id, row.message_id, row.helpful, row.changes) == (conversation, "m1", True, 1)
    assert (row.intent, row.confidence, row.language) == ("echo", 0.42, "fr")  # from the tracker
    assert (
        row.question == "Mon mail est [e-mail], le budget ?"
        and row.answer is not None
        and row.answer.startswith("echo:")
    )
    await ws.close()


async def test_votes_on_what_was_not_answered_here_are_refused(client: Client, rasa: FakeRasa) -> None:
    ws, _welcome = await open_chat(client)
    other, _ = await open_chat(client)
    await say(other, "Bonjour", "theirs")
    assert (await vote(ws, "theirs", True))["type"] == "feedback_refused"  # another conversation's message
    assert (await vote(ws, "never-sent", True))["type"] == "feedback_refused"
    bad = await vote(ws, "m1", "yes")
    assert bad["type"] == "error" and bad["code"] == "invalid"
    await say(ws, "Bonjour", "mine")
    await rasa.stop()
    refused = await vote(ws, "mine", True)
    assert refused["type"] == "feedback_refused" and refused["retry"] is True  # Rasa down: try again
    await rasa.start()
    assert (await vote(ws, "mine", True))["type"] == "feedback_saved"
    await ws.close()
    await other.close()


async def test_a_vote_when_the_database_is_unreachable_is_refused_for_a_retry(settings: WebSettings) -> None:
    unreachable = with_settings(settings, database_url="postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    async with TestClient(TestServer(public_app(unreachable), port=unreachable.port)) as client:
        ws, _welcome = await open_chat(client)
        assert (await say(ws, "Bonjour", "m1"))["type"] == "reply"
        refused = await vote(ws, "m1", True)
        assert refused["type"] == "feedback_refused" and refused["retry"] is True
        assert (await say(ws, "Et le budget ?", "m2"))["type"] == "reply"  # the chat goes on
        await ws.close()
