"""Failures of the parts: action server down, Rasa server restarted, PostgreSQL tracker store."""

from __future__ import annotations

import json
import signal
import urllib.error
import uuid
from pathlib import Path

import pytest

from bot.processes import RASA_PYTHON, rasa_server
from tests.e2e.conftest import Assistant
from tests.e2e.killed_after_save import KILL_AFTER_SAVE
from tests.ports import free_port


def test_action_server_down_gives_an_apology_then_recovers(assistant: Assistant, sender: str) -> None:
    assert "€ 400.000" in assistant.text(sender, "Wat is het budget?")
    assistant.actions.stop()
    try:
        apology = assistant.text(sender, "En wat is de deadline?")
        assert "technisch probleem" in apology
    finally:
        assistant.actions.start().wait_ready()
    assert "1 september 2016" in assistant.text(sender, "En wat is de deadline?")


def test_a_message_apologised_for_is_handled_when_sent_again_with_its_id(assistant: Assistant, sender: str) -> None:
    """As bot.web does: every message with the page's id, one answered by the apology sent
    again with the same id. Handled then (not given the stored apology); sent once more
    after it was answered, it gets that answer and is not stored again."""
    assert "€ 400.000" in assistant.text(sender, "Wat is het budget?", {"message_id": "m0"})
    assistant.actions.stop()
    try:
        assert "technisch probleem" in assistant.text(sender, "En wat is de deadline?", {"message_id": "m1"})
    finally:
        assistant.actions.start().wait_ready()
    answer = assistant.say(sender, "En wat is de deadline?", {"message_id": "m1"})
    assert "1 september 2016" in "\n".join(r.get("text", "") for r in answer)
    assert assistant.say(sender, "En wat is de deadline?", {"message_id": "m1"}) == answer
    users = [e["text"] for e in assistant.tracker(sender)["events"] if e["event"] == "user"]
    assert users == ["Wat is het budget?", "En wat is de deadline?", "En wat is de deadline?"]  # apology, answer


def test_a_message_stored_by_a_server_killed_before_it_answered_is_stored_once(
    assistant: Assistant, sender: str, tmp_path: Path
) -> None:
    """The failover's case on one server: killed right after it saved a message, before it
    answered (tests/e2e/killed_after_save.py). The client saw it fail and sends it again
    with its id to the server started again: it gets the stored answer, and the
    conversation holds the message once (before bot/rasa_plugins/resent_messages.py: twice)."""
    port = free_port()
    rasa = rasa_server(port, assistant.actions_port, assistant.tracker_store_url, log=tmp_path / "rasa.log")
    rasa.command = [str(RASA_PYTHON), "-m", "tests.e2e.killed_after_save", *rasa.command[3:]]
    question = "Wat is het budget?"
    again = Assistant(rasa, assistant.actions, port, assistant.actions_port, assistant.tracker_store_url, tmp_path)
    rasa.start().wait_ready()
    try:
        body = {"sender": sender, "message": question, "metadata": {"message_id": "m0", KILL_AFTER_SAVE: True}}
        with pytest.raises((urllib.error.URLError, ConnectionError)):
            again.post_webhook(json.dumps(body).encode())
        assert rasa.process is not None and rasa.process.wait(timeout=30) == -signal.SIGKILL
        events = assistant.tracker(sender)["events"]
        answer = [e.get("text") for e in events if e["event"] == "bot"]  # stored, never sent
        assert [e["text"] for e in events if e["event"] == "user"] == [question] and answer
        rasa.stop()
        rasa.start().wait_ready()  # as the supervisor does
        replies = again.say(sender, question, {"message_id": "m0"})
        assert [r.get("text") for r in replies if r.get("text")] == answer
        assert [e["text"] for e in assistant.tracker(sender)["events"] if e["event"] == "user"] == [question]
    finally:
        rasa.stop()


@pytest.mark.parametrize(
    ("ask_for_staff", "question", "apology"),
    [
        ("Ik wil met een medewerker spreken", "Hoeveel mag een project maximaal krijgen?", "technisch probleem"),
        ("je voudrais parler à quelqu'un", "Quel est le montant maximum par projet ?", "problème technique"),
    ],
)
def test_a_form_keeps_a_message_sent_while_the_action_server_is_down(
    assistant: Assistant, sender: str, ask_for_staff: str, question: str, apology: str
) -> None:
    assistant.text(sender, ask_for_staff)  # the hand-off asks for the question
    assistant.actions.stop()
    try:
        replies = assistant.say(sender, question)
        assert apology in replies[0]["text"]
        assert {"retry": True} in [r.get("custom") for r in replies]  # bot.web sends it again later
    finally:
        assistant.actions.start().wait_ready()
    control = f"control-{sender}"
    assistant.text(control, ask_for_staff)
    assert assistant.text(sender, question) == assistant.text(control, question)  # as if never down
    tracker = assistant.tracker(sender)
    assert tracker["active_loop"]["name"] == "handoff_form" and tracker["slots"]["handoff_question"] == question


def keeps_conversation_across_restart(assistant: Assistant) -> None:
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    assert "€ 400.000" in assistant.text(sender, "Hoeveel geld is er voor deze oproep?")
    assistant.restart_rasa()
    events = assistant.tracker(sender)["events"]
    assert any(e.get("text") == "Hoeveel geld is er voor deze oproep?" for e in events)
    assert assistant.text(sender, "deadline ?").startswith("Deze projectoproep")  # Dutch kept


def test_restart_keeps_the_conversation_on_sqlite(assistant: Assistant) -> None:
    keeps_conversation_across_restart(assistant)


def test_restart_keeps_the_conversation_on_postgresql(postgres_assistant: Assistant) -> None:
    keeps_conversation_across_restart(postgres_assistant)


def test_purge_removes_idle_conversations_but_keeps_open_tickets(assistant: Assistant) -> None:
    from bot.privacy import purge_conversations

    assistant.text("purge-me", "Bonjour, je m'appelle Jeanne, quel est le budget ?")
    assistant.text("keep-me", "Quel est le budget ?")
    assert purge_conversations(assistant.tracker_store_url, 1) == 0  # not idle for a day yet
    assert purge_conversations(assistant.tracker_store_url, 0, keep={"keep-me"}) >= 1
    assert not any(e.get("event") == "user" for e in assistant.tracker("purge-me")["events"])
    assert any(e.get("text") == "Quel est le budget ?" for e in assistant.tracker("keep-me")["events"])
