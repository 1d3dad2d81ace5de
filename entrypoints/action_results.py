"""The Rasa server checks each action-server reply against its schema with a validator built once.

Rasa's RemoteAction calls `jsonschema.validate` for every custom action it runs, and that
function picks a validator class and checks the schema itself again on each call. Under load
that was a third of the Rasa server's busy time (the py-spy profile in benchmarks/RESULTS.md).
The schema never changes, so the validator is built and the schema checked once per process;
every reply is still validated, with Rasa's own error message.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def reply_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_once_built(self: RemoteAction, result: Dict[str, Any]) -> bool:
    error = exceptions.best_match(reply_validator().iter_errors(result))  # what jsonschema.validate raises
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    if RemoteAction._validate_action_result is not _validate_once_built:
        RemoteAction._validate_action_result = _validate_once_built
