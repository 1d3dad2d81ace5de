"""The Rasa server still checks every action-server reply, with validators built once, and its quick
check agrees with Rasa's full schema."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from entrypoints import action_results

VALID = {
    "events": [
        {"event": "slot", "name": "language", "value": "nl", "timestamp": None},
        {"event": "bot", "text": "Advies voor Riverbank Knitwear", "data": {}, "metadata": {}},
        {"event": "followup", "name": "action_listen"},
        {"event": "followup"},  # Rasa's schema does not require the name
    ],
    "responses": [{"response": "utter_x"}, {"text": "hallo", "buttons": [{"title": "a", "payload": "/b"}]}],
}
INVALID = [
    {"events": "not a list"},
    {"events": [{"no": "event key"}]},
    {"events": [{"event": "no such kind"}]},
    {"events": [{"event": "slot", "value": "nl"}]},  # a slot event without its name
    {"events": [{"event": "slot", "name": 3, "value": "nl"}]},
    {"events": [{"event": "slot", "name": "language", "value": "nl", "timestamp": "yesterday"}]},
    {"events": [], "responses": "not a list"},
    {"events": [], "responses": ["not an object"]},
]


@pytest.fixture
def action(monkeypatch) -> RemoteAction:
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    action_results.install()
    action_results.split_checks()  # built once, as at the first action of a process
    return RemoteAction("action_respond", None)


def test_valid_replies_are_checked_without_building_a_validator_or_rasas_full_check(action, monkeypatch):
    def not_again(*args, **kwargs):
        raise AssertionError("a validator was built or the full schema run for a valid reply")

    monkeypatch.setattr("jsonschema.validate", not_again)  # what Rasa calls for each reply
    schema = RemoteAction.action_response_format_spec()
    monkeypatch.setattr(action_results.validators.validator_for(schema), "check_schema", not_again)
    monkeypatch.setattr(action_results, "full_validator", not_again)
    for _ in range(3):
        assert action._validate_action_result(VALID) is True


@pytest.mark.parametrize("reply", INVALID)
def test_a_malformed_reply_is_still_refused_with_rasas_message(action, reply):
    with pytest.raises(ValidationError) as raised:
        action._validate_action_result(reply)
    assert "Failed to validate Action server response" in raised.value.message


@pytest.mark.parametrize("reply", [VALID, *INVALID])
def test_the_quick_check_agrees_with_rasas_full_schema(reply):
    assert action_results.valid(reply) == action_results.full_validator().is_valid(reply)
