"""Dialogue policy: never leave the applicant in silence when a custom action fails.

When the action server is down or an action raises, Rasa logs the error, drops the
action's events and carries on, so the applicant would get no reply. This policy sees
that a custom action ran without any bot message since the applicant's last message, or
that a form ran and produced nothing at all (a form that works always sets a slot), and
predicts `utter_action_failed` (an apology in the conversation's language, from
domain.yml so that it needs no action server, carrying `{"retry": true}` so that a
client such as bot.web sends the message again later: `bot.rasa_io.apology`), then
listens. A form is left as it was: the message sent again is read by it as if it came
for the first time. (Reverting the message instead, with `action_default_fallback`,
loses the form: Rasa's replay of a loop then rewinds one message too many.)
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.settings import bot_settings

APOLOGY = "utter_action_failed"


def apologies_enabled() -> bool:
    """Off only for `rasa test`, which replays stories without running any action, so that
    every custom action looks silent there (the Makefile sets ACTION_FAILURE_APOLOGY=off)."""
    return bot_settings().action_failure_apology


def failed_custom_action(tracker: DialogueStateTracker, domain: Domain) -> str | None:
    """The custom action or form that ran silently since the last user message, if any."""
    events = tracker.events
    if events and isinstance(events[-1], ActionExecuted) and events[-1].action_name in domain.form_names:
        form: str = events[-1].action_name  # a form that ran and changed nothing: its call failed
        return form
    silent_action = None
    for event in reversed(events):
        if isinstance(event, UserUttered):
            return silent_action
        if isinstance(event, BotUttered):
            return None
        if isinstance(event, ActionExecuted) and silent_action is None:
            name = event.action_name
            if name in domain.user_actions and not name.startswith("utter_"):
                silent_action = name
            elif name == APOLOGY:
                return None
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class ActionFailurePolicy(Policy):  # type: ignore[misc]  # Rasa is not installed where mypy runs: its classes are Any
    """Apologises after a custom action that produced no reply (see module docstring)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": 7}  # above RulePolicy (6): it must win right after a failure

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        if not apologies_enabled():
            return self._prediction(probabilities)
        if tracker.latest_action_name == APOLOGY:
            wanted = ACTION_LISTEN_NAME
        elif failed_custom_action(tracker, domain):
            wanted = APOLOGY
        else:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(wanted)] = 1.0
        # A "no user" prediction, like the rules that keep a form going: it must overrule
        # them, or a form whose call failed would just listen.
        return self._prediction(probabilities, is_no_user_prediction=True)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> ActionFailurePolicy:
        return cls(config, model_storage, resource, execution_context)
