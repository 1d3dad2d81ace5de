"""The Rasa server checks each action-server reply against its schema with a validator compiled once.

Rasa's RemoteAction calls `jsonschema.validate` for every custom action it runs, and that
function picks a validator class and checks the schema itself again on each call. Under load
that was a third of the Rasa server's busy time (the py-spy profile in benchmarks/RESULTS.md);
a validator built once still walked each reply with jsonschema's interpreter (7 % of the busy
time). The schema never changes, so it is compiled once per process into Python code
(fastjsonschema); every reply is still validated, and an invalid one gets Rasa's own error
message from jsonschema.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Dict

import fastjsonschema
from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def compiled_check() -> Callable[[Dict[str, Any]], Any]:
    return fastjsonschema.compile(RemoteAction.action_response_format_spec())


def _validate_once_compiled(self: RemoteAction, result: Dict[str, Any]) -> bool:
    try:
        compiled_check()(result)
        return True
    except fastjsonschema.JsonSchemaException:
        pass
    schema = RemoteAction.action_response_format_spec()
    error = exceptions.best_match(validators.validator_for(schema)(schema).iter_errors(result))
    if error is None:  # the two validators disagree: trust Rasa's
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    if RemoteAction._validate_action_result is not _validate_once_compiled:
        RemoteAction._validate_action_result = _validate_once_compiled
