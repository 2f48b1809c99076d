"""Rasa's check of what the action server answers, with its JSON schema compiled once.

`RemoteAction._validate_action_result` calls `jsonschema.validate`, which checks the
schema itself against the JSON Schema 2020-12 metaschema before checking the answer:
about a third of the Rasa server's time under load (py-spy, README "Performance").
The same schema, validator class and error (with Rasa's explanation added) here; the
schema is checked once, when `install` is called by `bot.rasa_plugins.server`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@cache
def _validator() -> Validator:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema, default=Draft202012Validator)  # what `validate` picks
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    error = best_match(_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the"
            f" Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    """Checks the action server's answers with a schema compiled once, not on every call."""
    _validator()
    RemoteAction._validate_action_result = _validate_action_result
