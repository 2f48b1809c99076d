"""The apology policy sees a form whose call failed, not only a silent custom action."""

from __future__ import annotations

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.action_failure_policy import failed_custom_action

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [request_human]
slots:
  handoff_question: {type: text, mappings: [{type: custom}]}
forms:
  handoff_form: {required_slots: [handoff_question]}
actions: [action_answer, validate_handoff_form]
responses:
  utter_action_failed:
    - text: sorry
      custom: {retry: true}
"""
)


def tracker(*events: object) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("t", list(events), DOMAIN.slots)


def test_a_form_that_ran_and_changed_nothing_failed() -> None:
    started = [ActionExecuted("handoff_form"), ActiveLoop("handoff_form"), SlotSet("requested_slot", "x")]
    asked = [*started, ActionExecuted("action_listen"), UserUttered("ma question")]
    failed = tracker(*asked, ActionExecuted("handoff_form"))
    assert failed_custom_action(failed, DOMAIN) == "handoff_form"


def test_a_form_that_set_its_slots_did_not_fail() -> None:
    worked = tracker(UserUttered("ma question"), ActionExecuted("handoff_form"), SlotSet("requested_slot", None))
    assert failed_custom_action(worked, DOMAIN) is None
