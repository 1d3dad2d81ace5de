"""The one Rasa action: reads the message once (actions/turn.py), lets the table choose the answer
(actions/decide.py) and runs it. Every intent's rule leads here (data/rules/)."""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.decide import decide
from actions.records.database import session_scope
from actions.turn import read_turn, with_descriptions

logger = logging.getLogger(__name__)


class ActionRespond(Action):
    def name(self) -> str:
        return "action_respond"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        turn = read_turn(tracker)
        try:
            turn = with_descriptions(turn, session_scope)
        except SQLAlchemyError:
            logger.warning("Supplier records unavailable; the message is read without descriptions")
        row = decide(turn)
        logger.debug("%s: %r -> %s", tracker.sender_id, turn.intent, row.name)
        return row.run(dispatcher, tracker, turn)
