"""The Rasa server still checks every action-server reply, with a validator compiled once."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from entrypoints import action_results

VALID = {"events": [{"event": "slot", "name": "language", "value": "nl"}], "responses": [{"response": "utter_x"}]}


@pytest.fixture
def action(monkeypatch) -> RemoteAction:
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    action_results.install()
    action_results.compiled_check()  # compiled once, as at the first action of a process
    return RemoteAction("action_supplier_question", None)


def test_valid_replies_are_checked_without_jsonschema_each_time(action, monkeypatch):
    def not_again(*args, **kwargs):
        raise AssertionError("jsonschema was asked to validate a valid reply")

    monkeypatch.setattr("jsonschema.validate", not_again)  # what Rasa calls for each reply
    monkeypatch.setattr(action_results.validators, "validator_for", not_again)
    monkeypatch.setattr("fastjsonschema.compile", not_again)
    for _ in range(3):
        assert action._validate_action_result(VALID) is True


@pytest.mark.parametrize(
    "reply",
    [
        {"events": "not a list"},
        {"events": [{"no": "event key"}]},
        {"events": [{"event": "slot", "name": "language", "value": "nl"}], "responses": "not a list"},
    ],
)
def test_a_malformed_reply_is_still_refused_with_rasas_message(action, reply):
    with pytest.raises(ValidationError) as raised:
        action._validate_action_result(reply)
    assert "Failed to validate Action server response" in raised.value.message
