"""Questions about one supplier: collect the supplier (form), find it in the records, answer.

Every question about one supplier (advice, a field of its record, a follow-up topic
such as leverage or "is that enough?") goes through the supplier form: the supplier
named in the message, or the one in focus when the message points back ("they",
"daar"), or the form asks which. The question waits in `pending_intent` and is
answered when the supplier is known (action_answer_supplier).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.advice import render
from actions.advice.advice import advise_supplier
from actions.advice.record import fields_asked
from actions.advice.render_records import record_messages
from actions.advice.topics import topic_for
from actions.advice.wording import say
from actions.common import RecordsUnavailable, language_of, latest_entity, records, safe_echo, send
from actions.language import refers_back
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


ADVICE = "ask_supplier_advice"
RECORD = "ask_supplier_record"
RECENT_KEPT = 5


def supplier_buttons(candidates: List[Candidate], language: str, intent: str = ADVICE) -> List[Dict[str, str]]:
    """One button per candidate that asks the same question again, about that supplier."""
    buttons = []
    for c in candidates[:5]:
        title = say(language, "supplier_button", name=c.name, country=catalogue.country_name(c.country_iso2, language))
        payload = f"/{intent}" + json.dumps({"supplier": c.name}, ensure_ascii=False)
        buttons.append({"title": title, "payload": payload})
    return buttons


def pending_question(intent: Optional[str]) -> str:
    """The question to answer once the supplier is known."""
    if intent == RECORD or topic_for(intent):
        return intent
    return ADVICE


def focus_events(
    tracker: Tracker, supplier_id: int, name: str, also_recent: Optional[int] = None
) -> List[Dict[str, Any]]:
    """The supplier in focus, and the recent ones (for "which of the two first?"), most recent last."""
    latest = [str(i) for i in (also_recent, supplier_id) if i is not None]
    recent = [r for r in (tracker.get_slot("recent_suppliers") or []) if r not in latest]
    return [
        SlotSet("supplier", name),
        SlotSet("supplier_id", float(supplier_id)),
        SlotSet("supplier_in_focus", True),
        SlotSet("recent_suppliers", [*recent, *latest][-RECENT_KEPT:]),
    ]


class ActionPrepareSupplierForm(Action):
    """Remembers the question and decides which supplier it is about: the one named, the one
    in focus (for a follow-up, or when the message points back), or none yet (the form asks)."""

    def name(self) -> str:
        return "action_prepare_supplier_form"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        text = tracker.latest_message.get("text") or ""
        pending = pending_question(intent)
        events: List[Dict[str, Any]] = [SlotSet("pending_intent", pending)]
        if pending == RECORD and not text.startswith("/"):
            events.append(SlotSet("record_fields", fields_asked(text)))
        if latest_entity(tracker, "supplier"):
            return [*events, SlotSet("supplier_id", None)]  # the form looks the named supplier up
        in_focus = tracker.get_slot("supplier_id") is not None and tracker.get_slot("supplier_in_focus")
        if in_focus and (pending != ADVICE or refers_back(text)):
            return events  # "when were they last audited?", "what should we do about them?"
        return [*events, SlotSet("supplier", None), SlotSet("supplier_id", None)]


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
            intent = tracker.get_slot("pending_intent") or ADVICE
            dispatcher.utter_message(
                response="utter_did_you_mean", buttons=supplier_buttons(candidates, language_of(tracker), intent)
            )
        else:
            dispatcher.utter_message(response="utter_supplier_not_found", name=safe_echo(queries[-1]))
        return {"supplier": None}


class ActionAnswerSupplier(Action):
    """Answers the question that waited for the supplier: advice, record fields or a follow-up topic."""

    def name(self) -> str:
        return "action_answer_supplier"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        supplier_id = tracker.get_slot("supplier_id")
        if supplier_id is None:
            return []
        pending = tracker.get_slot("pending_intent") or ADVICE
        language = language_of(tracker)
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
                topic = topic_for(pending)
                if pending == RECORD:
                    send(dispatcher, record_messages(supplier, tracker.get_slot("record_fields") or [], language))
                elif topic:
                    dispatcher.utter_message(response="utter_topic_for_supplier", supplier=supplier.name)
                    send(dispatcher, render.supplier_topic_messages(advise_supplier(supplier), topic, language))
                else:
                    send(dispatcher, render.supplier_messages(advise_supplier(supplier), language))
                events = focus_events(tracker, supplier.id, supplier.name)
        except RecordsUnavailable:
            return []
        return [*events, SlotSet("pending_intent", None)]


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
