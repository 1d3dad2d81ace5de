"""The NCP and embassy route: which complaint office and which government contact fit a case.

The bot asks only what the user has not said yet: "we have export credit insurance for a
project in Ethiopia and people were evicted, whom do I tell?" already gives the government
money and where the harm happens. Each detail is asked once (actions/asked.py): a user who asks
something else gets that answered. After the route the user can correct an answer ("no, it was
a subsidy", "we are a Dutch company") and gets the route again.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions import access
from actions.advice import render
from actions.advice.expert import complaint_against_us
from actions.advice.ncp_routing import FUNDING_CODES, route
from actions.answers.supplier import one_supplier
from actions.common import language_of, safe_echo, send
from actions.company import company
from actions.language import fold
from actions.records import repository
from actions.records.database import session_scope
from actions.reference import catalogue
from actions.reference.catalogue import country_in_text
from actions.turn import Turn

FIELDS = ("company_country", "harm_country", "government_money")
COUNTRY_FIELDS = ("company_country", "harm_country")

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


def _supplier_country(tracker: Tracker, turn: Turn, use_focus: bool) -> Optional[str]:
    """The country of the supplier the question names (or of the one in focus when the question points
    back to it: "our deal there"): where the harm happens."""
    named = next(iter(turn.named), None)
    focus = turn.focus if use_focus else None
    if not named and focus is None:
        return None
    if not access.may_see_records(access.identity_of(tracker)):
        return None  # a supplier's country is part of its record; the form simply asks
    try:
        with session_scope() as session:
            if named:
                found = one_supplier(session, str(named))
                return found.country_iso2 if found else None
            supplier = repository.get_supplier(session, int(focus))
            return supplier.country_iso2 if supplier else None
    except SQLAlchemyError:
        return None  # the form simply asks


def turn_details(turn: Turn) -> Dict[str, Any]:
    """The NCP details the message itself gives."""
    return case_details(turn.text, list(turn.countries), turn.funding)


def case_events(tracker: Tracker, turn: Turn, use_focus: bool) -> Dict[str, Any]:
    """The NCP details this message gives, and where the harm happens when it names one of our suppliers."""
    details = turn_details(turn)
    details["harm_country"] = details["harm_country"] or _supplier_country(tracker, turn, use_focus)
    return details


def continues_case(turn: Turn) -> bool:
    """A bare answer that continues the NCP case: the route offered, a detail asked, or a correction right
    after the route."""
    if turn.asked == "ncp_offer" or turn.asked in FIELDS:
        # a question of its own that gives none of the case is answered, not read as the detail asked
        return not (turn.new_question and not any(turn_details(turn).values()))
    return turn.route_given and (any(turn_details(turn).values()) or bool(turn.named))


GENERAL = {"ask_ncp_complaint": "utter_ncp_complaint", "ask_government_funding": "utter_government_funding"}
# Words that make a question about the complaint route or government money, not about a supplier's own
# grievances ("naivasha flower farm, harassment complaints from 2023 - where do we start").
ROUTE_WORDS = re.compile(
    r"\b(ncp|contact ?punt|contact point|oecd|oeso|klacht indienen|melding|file a complaint|lodge a complaint|"
    r"complaint procedure|specific instance|overheid|government|export ?credit|exportkrediet|subsid(?!iar)\w*|atradius|"
    r"rvo|fmo|invest international|embass\w*|ambassade|ministr\w*|ministerie)\b"
)


_CONTACT_WORDS = re.compile(
    r"\b(e-?mail\w*|mailadres|adres|address|contact(gegevens|details)?|phone|telefoon\w*|website|site|web ?page|"
    r"reach|bereik\w*|bellen|call|where (do|can) i find|waar vind)\b"
)
_ABOUT_AN_NCP = re.compile(r"\b(ncp|ncps|contactpunt|contact point)\b")
CONTACTS_GIVEN = "utter_ncp_contacts"


def asks_ncp_contact(turn: Turn) -> bool:
    """ "What is the e-mail of the NCP in Turkey?", or "and the Dutch one?" right after such an answer: a question
    that can be answered at once, before any question about the case."""
    if CONTACTS_GIVEN in turn.last_responses:
        return bool(turn.countries_named)
    about_a_contact = _ABOUT_AN_NCP.search(turn.folded) and _CONTACT_WORDS.search(turn.folded)
    return bool(about_a_contact and turn.countries_named)


def ncp_contacts(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """The contact of each NCP asked about as the reference data has it, then the offer to work out the route."""
    send(dispatcher, render.ncp_contact_messages(list(turn.countries_named), turn.language))
    dispatcher.utter_message(response="utter_offer_ncp_route")
    return [SlotSet(field, None) for field in FIELDS]


def current_case(tracker: Tracker) -> Dict[str, Any]:
    return {field: tracker.get_slot(field) for field in FIELDS}


def merged(case: Dict[str, Any], details: Dict[str, Any]) -> Dict[str, Any]:
    """The case with what this message adds or corrects."""
    return {field: details.get(field) or case.get(field) for field in FIELDS}


def ncp_next(dispatcher: CollectingDispatcher, tracker: Tracker, case: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Asks for the first detail the case still lacks, or gives the route. The details stay in their
    slots, so the user can correct one afterwards."""
    if case.get("government_money") and case["government_money"] != "none" and not case.get("company_country"):
        case = {**case, "company_country": company().home_country}  # government money is our own: the profile says
    events = [SlotSet(field, case.get(field)) for field in FIELDS]
    missing = next((field for field in FIELDS if not case.get(field)), None)
    if missing:
        dispatcher.utter_message(response=f"utter_ask_{missing}")
        return events
    # reference facts only (in memory): answered even when the supplier database is down
    routed = route(case["company_country"], case["harm_country"], case["government_money"])
    send(dispatcher, render.ncp_messages(routed, language_of(tracker)))
    return events


def _answer_value(field: str, turn: Turn) -> Optional[str]:
    """The value a bare answer gives for the detail that was asked."""
    text = turn.text
    intent = turn.intent
    if field in COUNTRY_FIELDS:
        return next(iter(turn.countries), None) or country_in_text(text[:200])
    funding = turn.funding
    code = catalogue.funding_code(str(funding)) if funding else catalogue.funding_code(text[:200])
    if code or funding in FUNDING_CODES:
        return code or funding
    return {"affirm": "other", "deny": "none"}.get(intent)


def continue_case(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Continues the NCP case (`continues_case`): the route offered, a detail asked, or a correction."""
    intent = turn.intent
    asked = turn.asked
    details = case_events(tracker, turn, use_focus=False)
    if asked == "ncp_offer":
        if intent == "deny":
            dispatcher.utter_message(response="utter_anything_else")
            return []
        if turn.new_question and details["government_money"] not in (None, "none"):
            dispatcher.utter_message(response=GENERAL["ask_government_funding"])  # the question first
        # "yes, work it out", or the details at once: every question, the company's country included
        # (a complaint may be about any company, not only our own)
        return ncp_next(dispatcher, tracker, details)
    if asked in FIELDS:
        value = _answer_value(asked, turn)
        if value is None:
            if asked in COUNTRY_FIELDS:
                text = turn.text
                dispatcher.utter_message(response="utter_country_not_recognised", value=safe_echo(text))
            dispatcher.utter_message(response=f"utter_ask_{asked}")
            return []
        # a country typed in answer is the one asked for, not also the other ("The Netherlands" for the company's
        # country is not where the harm happens); government money named along with it counts
        extra = {"government_money": details["government_money"]} if asked in COUNTRY_FIELDS else {}
        return ncp_next(dispatcher, tracker, merged(current_case(tracker), {**extra, asked: value}))
    return ncp_next(dispatcher, tracker, merged(current_case(tracker), details))


def ncp_question(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """An NCP or government-money question: with details of a case (a country, the kind of government
    money, one of our suppliers) it works out the route at once, asking only what is missing;
    otherwise the general answer and the offer to work it out. Right after a route, it corrects that case."""
    text = turn.text
    details = case_events(tracker, turn, use_focus=turn.refers_back)
    if (turn.route_given or turn.asked in FIELDS) and any(details.values()):
        # more of the case, or a correction; a question of its own ("does it have to be the Dutch NCP?") first
        # gets its answer
        if turn.new_question:
            dispatcher.utter_message(response=GENERAL.get(turn.question, "utter_ncp_complaint"))
        return ncp_next(dispatcher, tracker, merged(current_case(tracker), details))
    if turn.route_given or turn.asked in FIELDS:  # a new question instead of the detail asked: answered, not re-asked
        dispatcher.utter_message(response=GENERAL.get(turn.question, "utter_ncp_complaint"))
        return []
    if not (details["harm_country"] or details["government_money"]):
        intent = turn.question
        if intent == "ask_ncp_complaint" and complaint_against_us(text):
            dispatcher.utter_message(response="utter_complaint_against_us")  # the company's side
            return []
        dispatcher.utter_message(response=GENERAL.get(intent, "utter_ncp_complaint"))
        dispatcher.utter_message(response="utter_offer_ncp_route")
        return [SlotSet(field, None) for field in FIELDS]
    # a described case of our own: the company profile gives the home country
    details["company_country"] = details["company_country"] or company().home_country
    if details["government_money"] not in (None, "none") and not details["harm_country"]:
        # "we may get export credit insurance, does that change anything?": answered first, then the route's question
        dispatcher.utter_message(response=GENERAL["ask_government_funding"])
    return ncp_next(dispatcher, tracker, details)
