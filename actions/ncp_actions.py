"""The NCP and embassy route: which complaint office and which government contact fit a case."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.advice import render
from actions.advice.ncp_routing import FUNDING_CODES, route
from actions.common import language_of, send
from actions.country_actions import validate_country_slot
from actions.reference import catalogue


class ValidateNcpForm(FormValidationAction):
    def name(self) -> str:
        return "validate_ncp_form"

    def validate_company_country(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        return validate_country_slot("company_country", value, dispatcher)

    def validate_harm_country(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        return validate_country_slot("harm_country", value, dispatcher)

    def validate_government_money(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        code = catalogue.funding_code(str(value)) or (value if value in FUNDING_CODES + ("none",) else None)
        if code:
            return {"government_money": code}
        return {"government_money": None}  # the form asks again, with buttons


class ActionNcpRoute(Action):
    def name(self) -> str:
        return "action_ncp_route"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        company = tracker.get_slot("company_country")
        harm = tracker.get_slot("harm_country")
        funding = tracker.get_slot("government_money")
        reset = [SlotSet("company_country", None), SlotSet("harm_country", None), SlotSet("government_money", None)]
        if not company or not harm:
            return reset
        # reference facts only (in memory): answered even when the supplier database is down
        send(dispatcher, render.ncp_messages(route(company, harm, funding), language_of(tracker)))
        return reset
