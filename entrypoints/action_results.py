"""The Rasa server checks each action-server reply against its schema, quickly.

Rasa's RemoteAction calls `jsonschema.validate` for every custom action it runs: it picks a
validator class and checks the schema itself again on each call (a third of the Rasa server's
busy time under load, the py-spy profile in benchmarks/RESULTS.md), and then tries every event in
the reply against all 23 event kinds of a `oneOf` (about 0.5 ms per event, 3–6 ms per reply).

The kinds are told apart by their `event` name (each alternative fixes it with `const`), so an
event is valid exactly when it is valid against the one alternative with its name. The
validators are built once per process: the reply without its events' `oneOf`, and one per event
kind; a reply takes about 0.3 ms. Anything they refuse is validated again with Rasa's full schema,
so an invalid reply gets Rasa's own error message.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any, Callable, Dict, Tuple

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

Check = Callable[[Any], bool]


def _validator(schema: Dict[str, Any]) -> Any:
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@lru_cache(maxsize=1)
def full_validator() -> Any:
    return _validator(RemoteAction.action_response_format_spec())


@lru_cache(maxsize=1)
def split_checks() -> Tuple[Check, Dict[str, Check]]:
    """(the reply with any object as an event, {event name: the check of that kind of event})."""
    schema = copy.deepcopy(RemoteAction.action_response_format_spec())
    event_schema = schema["properties"]["events"]["items"]
    schema["properties"]["events"]["items"] = {"type": "object"}
    common = {key: value for key, value in event_schema.items() if key != "oneOf"}
    kinds = {}
    for alternative in event_schema["oneOf"]:
        name = alternative["properties"]["event"]["const"]  # a KeyError here: Rasa changed its schema
        kinds[name] = _validator({"allOf": [common, alternative]}).is_valid
    if len(kinds) != len(event_schema["oneOf"]):
        raise ValueError("two event kinds of Rasa's action reply schema share a name")
    return _validator(schema).is_valid, kinds


def valid(result: Any) -> bool:
    reply_check, kinds = split_checks()
    if not reply_check(result):
        return False
    for event in result.get("events") or []:
        check = kinds.get(event.get("event"))
        if check is None or not check(event):
            return False
    return True


def _validate_quickly(self: RemoteAction, result: Dict[str, Any]) -> bool:
    if valid(result):
        return True
    error = exceptions.best_match(full_validator().iter_errors(result))  # what jsonschema.validate raises
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    if RemoteAction._validate_action_result is not _validate_quickly:
        RemoteAction._validate_action_result = _validate_quickly
