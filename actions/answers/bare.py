"""Answers to a bare reply ("yes", "no, stop", "vietnam") and the plain responses that need no look-up."""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.turn import Turn

# A reply read as "no" stops the open question only when it says so; "of heet het vd berg stoffen" is
# another name to try.
_REFUSAL = re.compile(
    r"\b(no|nope|nah|stop|cancel|never ?mind|forget (it|that)|quit|skip|nee|neen|laat (maar|ook maar|zitten)|"
    r"hou op|annuleer|vergeet (het|dat)|niet|niks|geen)\b"
)

Answer = Callable[[CollectingDispatcher, Tracker, Turn], List[Dict[str, Any]]]


def refuses(turn: Turn) -> bool:
    """ "No, stop": the user declines the bot's open question."""
    return turn.intent == "deny" and bool(_REFUSAL.search(turn.folded))


def respond_with(response: str) -> Answer:
    """An answer that is one response of the domain (greeting, thanks, help, …)."""

    def answer(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
        dispatcher.utter_message(response=response)
        return []

    answer.__name__ = response
    return answer
