"""The NCP and embassy route: which complaint office and which government contact fit a case.

The form asks only what the user has not said yet: "we have export credit insurance for a
project in Ethiopia and people were evicted, whom do I tell?" already gives the government
money and where the harm happens. After the route the user can correct an answer
("no, it was a subsidy") and gets the route again.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.advice import render
from actions.advice.expert import complaint_against_us
from actions.advice.ncp_routing import FUNDING_CODES, route
from actions.common import language_of, latest_entities, latest_entity, send
from actions.company import company
from actions.country_actions import country_in_text, validate_country_slot
from actions.language import fold, refers_back
from actions.records import repository
from actions.records.database import session_scope
from actions.reference import catalogue
from actions.supplier_actions import ActionSupplierQuestion, one_supplier, supplier_names


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


_HOME_COUNTRY = re.compile(
    r"\b(?:based|gevestigd|headquartered|hoofdkantoor|registered)\s+(?:is\s+)?in\s+(?:the\s+|het\s+)?"
    r"([a-z][a-z' -]{2,30})"
)
_DUTCH_COMPANY = re.compile(
    r"\b(?:dutch (?:company|firm|business|sme|bv)|nederlandse? (?:bedrijf|onderneming|firma|mkb|bv)|"
    r"we are dutch|wij zijn nederlands|we zijn nederlands)"
)


def case_details(text: str, countries: List[str], funding: Any) -> Dict[str, Any]:
    """What a question already says about the case: company country, harm country, government money."""
    folded = fold(text or "")
    company = "NL" if _DUTCH_COMPANY.search(folded) else None
    if not countries:  # a country the entity lookup missed ("ethiopie" typed without its diaeresis)
        found = country_in_text(text or "")
        countries = [found] if found and found != company else []
    home = _HOME_COUNTRY.search(folded)
    if home and not company:
        company = country_in_text(home.group(1))
    harm = next((c for c in countries if c != company), None)
    if harm is None and countries and company is None and len(countries) == 1:
        harm = countries[0]
    code = catalogue.funding_code(str(funding)) if funding else None
    return {"company_country": company, "harm_country": harm, "government_money": code or funding or None}


def _supplier_country(tracker: Tracker, use_focus: bool) -> Optional[str]:
    """The country of the supplier the question names (or of the one in focus when the question points
    back to it: "our deal there"): where the harm happens."""
    named = next(iter(supplier_names(tracker)), None)
    focus = tracker.get_slot("supplier_id") if use_focus and tracker.get_slot("supplier_in_focus") else None
    if not named and focus is None:
        return None
    try:
        with session_scope() as session:
            if named:
                found = one_supplier(session, str(named))
                return found.country_iso2 if found else None
            supplier = repository.get_supplier(session, int(focus))
            return supplier.country_iso2 if supplier else None
    except SQLAlchemyError:
        return None  # the form simply asks


def case_events(tracker: Tracker, use_focus: bool, use_profile: bool = True) -> Dict[str, Any]:
    """The NCP slots from the message, the supplier it is about and (for a described case of our own)
    the company profile's home country."""
    details = case_details(
        tracker.latest_message.get("text") or "",
        [c for c in latest_entities(tracker, "country") if c],
        latest_entity(tracker, "funding_type"),
    )
    details["harm_country"] = details["harm_country"] or _supplier_country(tracker, use_focus)
    if use_profile:
        details["company_country"] = details["company_country"] or company().home_country
    return details


GENERAL = {"ask_ncp_complaint": "utter_ncp_complaint", "ask_government_funding": "utter_government_funding"}


class ActionNcpQuestion(Action):
    """An NCP or government-money question: with details of a case (a country, the kind of government
    money, one of our suppliers) it works out the route at once, asking only what is missing;
    otherwise the general answer and the offer to work it out."""

    def name(self) -> str:
        return "action_ncp_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        details = case_events(tracker, use_focus=refers_back(text))
        given = details["harm_country"] or details["government_money"]
        if not given and tracker.latest_message.get("intent", {}).get("name") in (
            "ask_ncp_complaint",
            "ask_government_funding",
        ):
            intent = tracker.latest_message["intent"]["name"]
            if intent == "ask_ncp_complaint" and complaint_against_us(text):
                dispatcher.utter_message(response="utter_complaint_against_us")  # the company's side
                return []
            dispatcher.utter_message(response=GENERAL[intent])
            dispatcher.utter_message(response="utter_offer_ncp_route")
            return []
        if not given:
            dispatcher.utter_message(response="utter_ask_what_next")
            return []
        return [*(SlotSet(slot, value) for slot, value in details.items()), FollowupAction("ncp_form")]


class ActionPrepareNcpForm(Action):
    """A new case: the form starts from what the question already says, the supplier it is about
    and the company profile (home country), and asks only for the rest."""

    def name(self) -> str:
        return "action_prepare_ncp_form"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        # "yes, work it out" after the general answer: the three questions, the company's country included
        # (a complaint may be about any company, not only our own)
        return [SlotSet(slot, value) for slot, value in case_events(tracker, False, use_profile=False).items()]


class ActionNcpCorrect(Action):
    """ "No, it was a subsidy" / "the harm is in Kenya" after the route: the route again, corrected."""

    def name(self) -> str:
        return "action_ncp_correct"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        funding = latest_entity(tracker, "funding_type")
        countries = [c for c in latest_entities(tracker, "country") if c]
        if not funding and not countries:  # not a correction: an ordinary answer or a new name
            if tracker.latest_message.get("intent", {}).get("name") == "inform":
                return ActionSupplierQuestion().run(dispatcher, tracker, domain)
            dispatcher.utter_message(response="utter_ask_what_next")
            return []
        company = tracker.get_slot("company_country")
        harm = countries[0] if countries else tracker.get_slot("harm_country")
        money = (catalogue.funding_code(str(funding)) or funding) if funding else tracker.get_slot("government_money")
        if not company or not harm:
            return [SlotSet("harm_country", harm), SlotSet("government_money", money), FollowupAction("ncp_form")]
        send(dispatcher, render.ncp_messages(route(company, harm, money), language_of(tracker)))
        return [SlotSet("harm_country", harm), SlotSet("government_money", money)]


class ActionNcpRoute(Action):
    def name(self) -> str:
        return "action_ncp_route"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        company = tracker.get_slot("company_country")
        harm = tracker.get_slot("harm_country")
        funding = tracker.get_slot("government_money")
        if not company or not harm:
            return []
        # reference facts only (in memory): answered even when the supplier database is down.
        # The answers stay in their slots, so the user can correct one ("no, it was a subsidy").
        send(dispatcher, render.ncp_messages(route(company, harm, funding), language_of(tracker)))
        return []
