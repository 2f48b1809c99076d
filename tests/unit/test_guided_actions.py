"""The guided conversations' actions, with trackers built in the test."""

from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answer import ActionAnswer
from actions.eligibility_form import ActionEligibilityVerdict, ValidateEligibilityForm
from actions.handoff_form import DECLINED, ValidateHandoffForm
from actions.tickets import idempotency_key


def domain(forms: dict[str, Any] | None = None) -> DomainDict:
    """A domain with nothing in it but `forms`."""
    return {"intents": [], "entities": [], "slots": {}, "responses": {}, "actions": [], "forms": forms or {}}


CHECK_DOMAIN = domain({"eligibility_form": {"required_slots": ["applicant_kind", "brussels_activity",
                                                               "project_description"]}})  # fmt: skip
HANDOFF_DOMAIN = domain({"handoff_form": {"required_slots": ["handoff_question", "handoff_question_ok",
                                                             "handoff_channel"]}})  # fmt: skip


def tracker(text: str, intent: str, *, slots: dict[str, Any] | None = None, loop: str | None = None,
            requested: str | None = None, confidence: float = 0.9, lang: str = "fr",
            latest_action: str = "action_listen", events: list[dict[str, Any]] | None = None) -> Tracker:  # fmt: skip
    message = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": [],
               "language": {"detected": lang}, "metadata": {}}  # fmt: skip
    all_slots = {"language": lang, "requested_slot": requested, **(slots or {})}
    return Tracker("conv-1", all_slots, message, events or [], False, None,
                   {"name": loop} if loop else {}, latest_action)  # fmt: skip


async def validate(action: Action, t: Tracker, domain: DomainDict) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, domain)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_the_first_message_fills_what_it_already_says() -> None:
    text = "Nous sommes une asbl bruxelloise qui veut initier les jeunes à la réalité virtuelle"
    _, slots = await validate(ValidateEligibilityForm(), tracker(text, "check_eligibility"), CHECK_DOMAIN)
    assert slots["applicant_kind"] == "nonprofit"
    assert slots["brussels_activity"] == "yes"
    assert slots["project_description"] == text


async def test_a_plain_question_fills_nothing() -> None:
    _, slots = await validate(ValidateEligibilityForm(), tracker("suis-je éligible ?", "check_eligibility"),
                              CHECK_DOMAIN)  # fmt: skip
    assert not {k: v for k, v in slots.items() if k != "requested_slot" and v}


async def test_an_unusable_answer_is_asked_again_politely() -> None:
    t = tracker("euh bof", "nlu_fallback", loop="eligibility_form", requested="applicant_kind", confidence=0.2)
    messages, slots = await validate(ValidateEligibilityForm(), t, CHECK_DOMAIN)
    assert slots["applicant_kind"] is None
    assert messages[0]["text"].startswith("Je n'ai pas reconnu")


async def test_a_question_in_the_middle_is_left_to_answer() -> None:
    t = tracker("c'est quand la date limite ?", "ask_deadline", loop="eligibility_form",
                requested="project_description")  # fmt: skip
    _, slots = await validate(ValidateEligibilityForm(), t, CHECK_DOMAIN)
    assert "project_description" not in slots


async def test_an_interruption_is_answered_then_the_check_resumes() -> None:
    dispatcher = CollectingDispatcher()
    t = tracker("c'est quand la date limite ?", "ask_deadline", loop="eligibility_form", requested="applicant_kind")
    events = await ActionAnswer().run(dispatcher, t, domain())
    assert "septembre" in dispatcher.messages[0]["text"]
    assert ActiveLoop(None) not in events  # the form stays active: data/rules/guided.yml resumes it
    assert not [e for e in events if e.get("name") == "starting"]


async def test_stop_cancels_the_check_and_forgets_its_answers_not_the_applicant() -> None:
    dispatcher = CollectingDispatcher()
    t = tracker("laat maar", "stop", loop="eligibility_form", requested="brussels_activity", lang="nl",
                slots={"applicant_kind": "nonprofit", "brussels_activity": "yes"})  # fmt: skip
    events = await ActionAnswer().run(dispatcher, t, domain())
    assert dispatcher.messages[0]["text"].startswith("Goed, ik stop")
    assert ActiveLoop(None) in events
    assert SlotSet("brussels_activity", None) in events
    assert not [e for e in events if e.get("name") == "applicant_kind"]  # what they are is still known


async def test_am_i_eligible_offers_the_check() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(
        dispatcher, tracker("kom ik in aanmerking?", "check_eligibility", lang="nl"), domain()
    )
    assert SlotSet("pending_offer", "eligibility_form") in events
    assert not [e for e in events if e.get("name") == "starting"]


async def test_asking_for_the_check_starts_it() -> None:
    dispatcher = CollectingDispatcher()
    t = tracker("kunt u nagaan of ik in aanmerking kom?", "check_eligibility", lang="nl")
    events = await ActionAnswer().run(dispatcher, t, domain())
    assert SlotSet("starting", "eligibility_form") in events


async def test_yes_to_an_offer_starts_what_was_offered() -> None:
    dispatcher = CollectingDispatcher()
    t = tracker("oui", "affirm", slots={"pending_offer": "handoff_form", "handoff_question": "taux de cofinancement ?"})
    events = await ActionAnswer().run(dispatcher, t, domain())
    assert not [e for e in events if e.get("name") == "handoff_question"]  # the offered question is kept
    assert SlotSet("starting", "handoff_form") in events


async def test_an_undecided_verdict_offers_staff() -> None:
    dispatcher = CollectingDispatcher()
    slots = {"applicant_kind": "public_body", "brussels_activity": "yes",
             "project_description": "des ateliers VR pour les jeunes"}  # fmt: skip
    events = await ActionEligibilityVerdict().run(
        dispatcher, tracker("…", "x", slots=slots, latest_action="x"), domain()
    )
    assert "ne permet pas de trancher" in dispatcher.messages[0]["text"]
    assert SlotSet("pending_offer", "handoff_form") in events


async def test_an_invalid_email_is_asked_again() -> None:
    t = tracker("jean.dupont@", "nlu_fallback", loop="handoff_form", requested="handoff_email",
                slots={"handoff_question": "q ?", "handoff_question_ok": True, "handoff_channel": "email"})  # fmt: skip
    messages, slots = await validate(ValidateHandoffForm(), t, HANDOFF_DOMAIN)
    assert slots["handoff_email"] is None
    assert "jean.dupont@" in messages[0]["text"]


async def test_an_email_at_the_consent_step_is_taken() -> None:
    t = tracker("oui, jan@voorbeeld.be", "affirm", loop="handoff_form", requested="handoff_channel", lang="nl",
                slots={"handoff_question": "q ?", "handoff_question_ok": True})  # fmt: skip
    _, slots = await validate(ValidateHandoffForm(), t, HANDOFF_DOMAIN)
    assert slots["handoff_channel"] == "email"
    assert slots["handoff_email"] == "jan@voorbeeld.be"


async def test_no_at_the_consent_step_ends_the_handoff() -> None:
    t = tracker("non merci", "deny", loop="handoff_form", requested="handoff_channel",
                slots={"handoff_question": "q ?", "handoff_question_ok": True})  # fmt: skip
    _, slots = await validate(ValidateHandoffForm(), t, HANDOFF_DOMAIN)
    assert slots["handoff_channel"] == DECLINED
    assert slots.get("requested_slot") is None


def test_a_retried_action_has_the_same_key() -> None:
    events = [{"event": "user", "timestamp": 1.5, "text": "a"}, {"event": "user", "timestamp": 2.5, "text": "b"}]
    t = tracker("b", "affirm", events=events)
    assert idempotency_key(t) == idempotency_key(t) == "conv-1:2.5"


async def test_a_resumed_form_does_not_read_the_interrupting_message_as_an_answer() -> None:
    events = [{"event": "user", "text": "une asbl, et le budget ?"}, {"event": "action", "name": "action_answer"},
              {"event": "action", "name": "eligibility_form"}]  # fmt: skip
    t = tracker("une asbl, et le budget ?", "ask_budget", loop="eligibility_form", requested="applicant_kind",
                events=events)  # fmt: skip
    _, slots = await validate(ValidateEligibilityForm(), t, CHECK_DOMAIN)
    assert "applicant_kind" not in slots


async def test_a_mistyped_address_read_as_no_is_asked_again_not_declined() -> None:
    t = tracker("pas@valide", "deny", loop="handoff_form", requested="handoff_email",
                slots={"handoff_question": "q ?", "handoff_question_ok": True, "handoff_channel": "email"})  # fmt: skip
    messages, slots = await validate(ValidateHandoffForm(), t, HANDOFF_DOMAIN)
    assert slots["handoff_email"] is None and slots.get("handoff_channel") != DECLINED
    assert "pas@valide" in messages[0]["text"]


async def test_a_mistyped_address_at_the_consent_step_chooses_email_and_asks_it_again() -> None:
    t = tracker("jan@voorbeeld", "nlu_fallback", loop="handoff_form", requested="handoff_channel", lang="nl",
                slots={"handoff_question": "q ?", "handoff_question_ok": True})  # fmt: skip
    messages, slots = await validate(ValidateHandoffForm(), t, HANDOFF_DOMAIN)
    assert slots["handoff_channel"] == "email" and slots["handoff_email"] is None
    assert "jan@voorbeeld" in messages[0]["text"]


def test_the_action_server_registers_every_action_and_no_base_class() -> None:
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    assert {"validate_eligibility_form", "validate_handoff_form", "action_answer"} <= set(executor.actions)


@pytest.mark.parametrize(
    ("text", "lang", "requested"),
    [("finalement non, laissez tomber", "fr", "handoff_question_ok"),
     ("toch maar niet", "nl", "handoff_question_ok"),
     ("laat maar zitten", "nl", "handoff_channel"),
     ("je préfère pas, tant pis", "fr", "handoff_email")],
)  # fmt: skip
async def test_changing_ones_mind_ends_the_handoff_at_any_step(text: str, lang: str, requested: str) -> None:
    t = tracker(text, "out_of_scope", loop="handoff_form", requested=requested, lang=lang,
                slots={"handoff_question": "q ?", "handoff_question_ok": True, "handoff_channel": "email"})  # fmt: skip
    _, slots = await validate(ValidateHandoffForm(), t, HANDOFF_DOMAIN)
    assert slots["handoff_channel"] == DECLINED
