"""A bare answer ("vietnam", "yes", "no", "a subsidy", "Lotus Weaving"): it continues what the bot asked in
its last turn (actions/asked.py), else it is read as a name, a country or a risk on its own."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.asked import last_question
from actions.country_actions import answer_country_question
from actions.language import fold
from actions.ncp_actions import continue_case
from actions.plan_actions import ActionMakePlan
from actions.supplier_actions import ActionSupplierQuestion, answer_as, supplier_names

# A reply read as "no" stops the open question only when it says so; "of heet het vd berg stoffen" is
# another name to try.
_REFUSAL = re.compile(
    r"\b(no|nope|nah|stop|cancel|never ?mind|forget (it|that)|quit|skip|nee|neen|laat (maar|ook maar|zitten)|"
    r"hou op|annuleer|vergeet (het|dat)|niet|niks|geen)\b"
)


def continue_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[Dict[str, Any]]]:
    """The answer to the bot's open question (country or NCP case), or None when none is open."""
    if last_question(tracker) == "country":
        return answer_country_question(dispatcher, tracker)
    return continue_case(dispatcher, tracker)


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        refused = intent == "deny" and _REFUSAL.search(fold(tracker.latest_message.get("text") or ""))
        if refused and last_question(tracker) in ("country", "supplier"):
            dispatcher.utter_message(response="utter_form_stopped")  # "no, stop"
            return []
        if intent == "deny" and last_question(tracker) == "supplier":  # another name to try
            return answer_as("inform", dispatcher, tracker, domain)
        if last_question(tracker) == "plan_offer" and intent in ("affirm", "deny"):  # "shall I draft one?"
            if intent == "affirm":
                return ActionMakePlan().run(dispatcher, tracker, domain)
            dispatcher.utter_message(response="utter_anything_else")
            return []
        events = continue_question(dispatcher, tracker)
        if events is not None:
            return events
        if intent == "inform" or supplier_names(tracker):  # "ok then riverbnak knitwear"
            return ActionSupplierQuestion().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_ask_what_next")
        return []
