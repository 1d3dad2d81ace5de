"""The action server: a slow action holds up no other conversation, and per-process tables are
ready before the first request."""

from __future__ import annotations

import asyncio
import threading

import pytest
from rasa_sdk import Action
from rasa_sdk.executor import ActionExecutor

from entrypoints import threaded_actions


@pytest.fixture
def executor(monkeypatch) -> ActionExecutor:
    # monkeypatch restores rasa_sdk's own register_function after the test
    monkeypatch.setattr(ActionExecutor, "register_function", ActionExecutor.register_function)
    threaded_actions.install()
    return ActionExecutor()


def call(action: str, sender: str) -> dict:
    return {"next_action": action, "tracker": {"sender_id": sender, "slots": {}, "latest_message": {}, "events": []}}


def test_a_slow_action_does_not_block_another_conversation(executor):
    """The slow action waits for the quick one; on the event loop it would wait in vain
    (the quick one could not start), in the thread pool the quick one releases it."""
    released = threading.Event()

    class SlowAdvice(Action):
        def name(self):
            return "action_slow"

        def run(self, dispatcher, tracker, domain):
            dispatcher.utter_message(text="released" if released.wait(timeout=10) else "blocked")
            return []

    class QuickAnswer(Action):
        def name(self):
            return "action_quick"

        def run(self, dispatcher, tracker, domain):
            released.set()
            dispatcher.utter_message(text="quick")
            return []

    executor.register_action(SlowAdvice)
    executor.register_action(QuickAnswer)

    async def both():
        return await asyncio.gather(executor.run(call("action_slow", "a")), executor.run(call("action_quick", "b")))

    slow, quick = asyncio.run(both())
    assert [m["text"] for m in slow["responses"]] == ["released"]
    assert [m["text"] for m in quick["responses"]] == ["quick"]


def test_every_project_action_runs_off_the_event_loop(executor):
    executor.register_package("actions")
    assert executor.actions, "no actions registered"
    on_the_loop = [name for name, run in executor.actions.items() if not asyncio.iscoroutinefunction(run)]
    assert on_the_loop == []


def test_cached_tables_are_ready_before_the_first_request():
    from actions.advice import wording
    from actions.reference import catalogue
    from entrypoints.warm_up import warm_up

    wording.wording.cache_clear()
    catalogue.countries.cache_clear()
    warm_up("actions")
    assert wording.wording.cache_info().currsize == 1
    assert catalogue.countries.cache_info().currsize == 1
