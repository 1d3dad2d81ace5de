"""The Rasa server still checks every action-server reply, with a validator built once."""

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
    action_results.reply_validator()  # built once, as at the first action of a process
    return RemoteAction("action_supplier_question", None)


def test_replies_are_checked_without_building_a_validator_each_time(action, monkeypatch):
    def no_new_validator(*args, **kwargs):
        raise AssertionError("a validator was built for this reply")

    monkeypatch.setattr("jsonschema.validate", no_new_validator)  # what Rasa calls for each reply
    monkeypatch.setattr(type(action_results.reply_validator()), "check_schema", no_new_validator)
    for _ in range(3):
        assert action._validate_action_result(VALID) is True


def test_a_malformed_reply_is_still_refused_with_rasas_message(action):
    with pytest.raises(ValidationError) as raised:
        action._validate_action_result({"events": "not a list"})
    assert "Failed to validate Action server response" in raised.value.message
