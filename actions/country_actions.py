"""Advice from a country, sector and risk alone (no supplier record)."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.advice import render
from actions.advice.advice import advise_country, sector_in_text
from actions.common import language_of, latest_entities, latest_entity, safe_echo, send
from actions.reference import catalogue


def country_in_text(text: str) -> Any:
    """An ISO code for a typed country name or code ("Vietnam", "in vietnam", "VN")."""
    import re

    from actions.language import fold

    text = (text or "").strip()
    code = catalogue.country_code(text)
    if code:
        return code
    folded = fold(text)
    if re.search(r"\b(dutch|nederlands|nederlandse|holland)\b", folded):
        return "NL"
    best = None
    for name, iso2 in catalogue.country_index().items():
        longer = best is None or len(name) > len(best[0])
        if len(name) > 3 and longer and re.search(rf"\b{re.escape(name)}\b", folded):
            best = (name, iso2)
    return best[1] if best else None


def validate_country_slot(slot: str, value: Any, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
    """A form's country answer as an ISO code, or a polite "not recognised"."""
    if not value:
        return {slot: None}  # nothing given yet: the form simply asks
    code = country_in_text(str(value)[:200])
    if code:
        return {slot: code}
    dispatcher.utter_message(response="utter_country_not_recognised", value=safe_echo(value))
    return {slot: None}


def country_question_events(tracker: Tracker) -> List[Dict[str, Any]]:
    """Country, risk and sector from this message only, so an earlier topic does not leak in."""
    text = tracker.latest_message.get("text") or ""
    return [
        SlotSet("country", latest_entity(tracker, "country")),
        SlotSet("risk_type", latest_entity(tracker, "risk_type")),
        SlotSet("sector", sector_in_text(text) or None),
        SlotSet("supplier_in_focus", False),
    ]


class ActionPrepareCountryForm(Action):
    """Takes country, risk and sector from this message only, so an earlier
    topic does not leak into the new question."""

    def name(self) -> str:
        return "action_prepare_country_form"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        return country_question_events(tracker)


class ValidateCountryAdviceForm(FormValidationAction):
    def name(self) -> str:
        return "validate_country_advice_form"

    def validate_country(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        return validate_country_slot("country", value, dispatcher)


class ActionCountryAdvice(Action):
    def name(self) -> str:
        return "action_country_advice"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        country = tracker.get_slot("country")
        risks = [r for r in latest_entities(tracker, "risk_type") if r] or (
            [tracker.get_slot("risk_type")] if tracker.get_slot("risk_type") else []
        )
        sector = tracker.get_slot("sector") or sector_in_text(tracker.latest_message.get("text") or "")
        # reference facts only (in memory): answered even when the supplier database is down
        advice = advise_country(country, sector, list(dict.fromkeys(risks)))
        send(dispatcher, render.country_messages(advice, language_of(tracker)))
        return []
