"""Supplier advice: collect the supplier (form), find it in the records, advise."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.advice import render
from actions.advice.advice import advise_supplier
from actions.advice.topics import FALLBACK_RESPONSE, topic_for
from actions.advice.wording import say
from actions.common import RecordsUnavailable, language_of, latest_entity, records, safe_echo, send
from actions.records import repository
from actions.records.supplier_lookup import Candidate, find_suppliers
from actions.reference import catalogue

CONFIDENT_SCORE = 85.0
CLEAR_MARGIN = 6.0


def choose(candidates: List[Candidate]) -> Optional[Candidate]:
    """The one supplier meant, or None when none or several are close."""
    if not candidates or candidates[0].score < CONFIDENT_SCORE:
        return None
    if len(candidates) > 1 and candidates[1].score > candidates[0].score - CLEAR_MARGIN:
        return None
    return candidates[0]


def as_candidates(suppliers: List[Any]) -> List[Candidate]:
    """Suppliers listed from the records, as (certain) candidates for buttons."""
    return [Candidate(s.id, s.name, s.country_iso2, 100.0) for s in suppliers]


def supplier_buttons(candidates: List[Candidate], language: str) -> List[Dict[str, str]]:
    buttons = []
    for c in candidates[:5]:
        title = say(language, "supplier_button", name=c.name, country=catalogue.country_name(c.country_iso2, language))
        payload = "/ask_supplier_advice" + json.dumps({"supplier": c.name}, ensure_ascii=False)
        buttons.append({"title": title, "payload": payload})
    return buttons


class ActionPrepareSupplierForm(Action):
    """A new supplier question without a name starts afresh instead of reusing
    the supplier discussed before."""

    def name(self) -> str:
        return "action_prepare_supplier_form"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        if latest_entity(tracker, "supplier"):
            return []
        return [SlotSet("supplier", None), SlotSet("supplier_id", None)]


class ActionAskSupplier(Action):
    """Asks which supplier; offers the company's suppliers in the country or with
    the risk the user just mentioned as buttons."""

    def name(self) -> str:
        return "action_ask_supplier"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        country = latest_entity(tracker, "country")
        risk = latest_entity(tracker, "risk_type")
        buttons: List[Dict[str, str]] = []
        if country or risk:
            try:
                with records(dispatcher) as session:
                    found = repository.suppliers_where(session, country, risk, limit=5)
                    buttons = supplier_buttons(as_candidates(found), language_of(tracker))
            except RecordsUnavailable:
                pass
        dispatcher.utter_message(response="utter_ask_supplier", buttons=buttons)
        return []


class ValidateSupplierForm(FormValidationAction):
    def name(self) -> str:
        return "validate_supplier_form"

    def validate_supplier(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        queries = [str(value or "").strip()[:200]]
        typed = (tracker.latest_message.get("text") or "").strip()
        if tracker.get_slot("requested_slot") == "supplier" and typed and not typed.startswith("/"):
            # answering "which supplier?": the whole reply is the name, even if
            # the entity recogniser only picked part of it ("Acme Widgets" -> "Widgets")
            queries.append(typed[:200])
        queries = [q for q in dict.fromkeys(queries) if q]
        if not queries:
            return {"supplier": None}
        try:
            with records(dispatcher) as session:
                results = [find_suppliers(session, q, limit=5) for q in queries]
        except RecordsUnavailable:
            return {"supplier": None, "requested_slot": None}
        candidates = max(results, key=lambda found: found[0].score if found else 0)
        chosen = choose(candidates)
        if chosen:
            return {"supplier": chosen.name, "supplier_id": float(chosen.supplier_id)}
        if candidates:
            dispatcher.utter_message(
                response="utter_did_you_mean", buttons=supplier_buttons(candidates, language_of(tracker))
            )
        else:
            dispatcher.utter_message(response="utter_supplier_not_found", name=safe_echo(queries[-1]))
        return {"supplier": None}


class ActionSupplierAdvice(Action):
    def name(self) -> str:
        return "action_supplier_advice"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        supplier_id = tracker.get_slot("supplier_id")
        if supplier_id is None:
            return []
        try:
            with records(dispatcher) as session:
                supplier = repository.get_supplier(session, int(supplier_id))
                if supplier is None:
                    dispatcher.utter_message(response="utter_supplier_not_found", name=tracker.get_slot("supplier"))
                    return [
                        SlotSet("supplier", None),
                        SlotSet("supplier_id", None),
                        SlotSet("supplier_in_focus", False),
                    ]
                send(dispatcher, render.supplier_messages(advise_supplier(supplier), language_of(tracker)))
        except RecordsUnavailable:
            return []
        return [SlotSet("supplier_in_focus", True)]


class ActionSupplierTopic(Action):
    """A step-3 question while a supplier is in focus gets the answer for that supplier."""

    def name(self) -> str:
        return "action_supplier_topic"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        topic = topic_for(tracker.latest_message.get("intent", {}).get("name"))
        supplier_id = tracker.get_slot("supplier_id")
        generic = topic.general if topic else FALLBACK_RESPONSE
        if supplier_id is None or topic is None:
            dispatcher.utter_message(response=generic)
            return []
        try:
            with records(dispatcher) as session:
                supplier = repository.get_supplier(session, int(supplier_id))
                if supplier is None:
                    dispatcher.utter_message(response=generic)
                    return [SlotSet("supplier_in_focus", False)]
                dispatcher.utter_message(response="utter_topic_for_supplier", supplier=supplier.name)
                send(
                    dispatcher,
                    render.supplier_topic_messages(advise_supplier(supplier), topic, language_of(tracker)),
                )
        except RecordsUnavailable:
            return []
        return []


class ActionListSuppliers(Action):
    def name(self) -> str:
        return "action_list_suppliers"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        language = language_of(tracker)
        country = latest_entity(tracker, "country")
        risk = latest_entity(tracker, "risk_type")
        try:
            with records(dispatcher) as session:
                total = repository.count_suppliers(session, country, risk)
                found = repository.suppliers_where(session, country, risk, limit=10)
                lines = []
                for s in found:
                    risk_names = [t.name(language) for t in map(catalogue.risk_type, s.risk_codes) if t]
                    lines.append(
                        say(
                            language,
                            "list_line",
                            name=s.name,
                            country=catalogue.country_name(s.country_iso2, language),
                            risks=", ".join(risk_names) or "-",
                        )
                    )
                if total > len(found):
                    lines.append(say(language, "list_more", count=total - len(found)))
                filters = ""
                if country:
                    filters += say(language, "list_filter_country", country=catalogue.country_name(country, language))
                if risk and catalogue.risk_type(risk):
                    filters += say(language, "list_filter_risk", risk=catalogue.risk_type(risk).name(language))
                candidates = as_candidates(found[:5])
                response = "utter_supplier_list" if total else "utter_supplier_list_empty"
                dispatcher.utter_message(
                    response=response,
                    count=total,
                    filters=filters,
                    lines="\n".join(lines),
                    buttons=supplier_buttons(candidates, language),
                )
        except RecordsUnavailable:
            return []
        return []
