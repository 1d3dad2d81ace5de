"""A polite answer when the action server is down or slow.

Rasa logs a failed custom action and carries on without a word to the user.
This wraps RemoteAction.run: when the action server cannot be reached, answers
with an error, or takes longer than ACTION_TIMEOUT_SECONDS (default 20), the
user gets `utter_service_unavailable` in their language (and, for a step-3 topic, its
general answer), and the conversation simply continues once the action server is back.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, List

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
from rasa.shared.exceptions import RasaException

logger = logging.getLogger(__name__)
APOLOGY = "utter_service_unavailable"
_original_run = RemoteAction.run


def _timeout() -> float:
    try:
        return float(os.environ.get("ACTION_TIMEOUT_SECONDS", "20"))
    except ValueError:
        return 20.0


async def _run_or_apologise(self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Any]:
    try:
        return await asyncio.wait_for(_original_run(self, output_channel, nlg, tracker, domain), timeout=_timeout())
    except ActionExecutionRejection:
        raise  # a form rejecting a message is normal dialogue, not an outage
    except (RasaException, asyncio.TimeoutError) as error:
        logger.error("Custom action '%s' failed (%s); the user was told politely.", self.name(), error or "timeout")
        events = []
        for response in (APOLOGY, *_general_answer(tracker)):
            message = await nlg.generate(response, tracker, output_channel.name())
            if message:
                events.append(create_bot_utterance(dict(message)))
        return events


def _general_answer(tracker: Any) -> List[str]:
    """A step-3 topic still gets its general answer (the Rasa server has those) when the supplier
    part of the answer cannot be looked up."""
    from actions.advice.topics import general_answer

    intent = (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None
    general = general_answer(intent)
    return [general] if general else []


def install() -> None:
    if RemoteAction.run is not _run_or_apologise:
        RemoteAction.run = _run_or_apologise
