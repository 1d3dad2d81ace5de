"""Questions about one supplier: collect the supplier (form), find it in the records, answer.

Every question about one supplier (advice, a field of its record, a follow-up topic
such as leverage or "is that enough?") is answered by action_supplier_question for the
supplier named in the message, or the one in focus. Otherwise it asks which; the
question waits in `pending_intent` and is answered when the user names one. Nothing
holds the conversation: a user who asks something else simply gets that answered.
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import object_session

from actions import access
from actions.advice import render
from actions.advice.advice import advise_supplier, agreements_asked
from actions.advice.record import fields_asked
from actions.advice.render_records import record_messages
from actions.advice.short_advice import FULL_ADVICE, short_advice_messages
from actions.advice.short_advice import buttons as short_advice_buttons
from actions.advice.topics import GENERAL_ONLY, general_answer, topic_for
from actions.advice.wording import say
from actions.asked import last_question
from actions.common import RecordsUnavailable, language_of, latest_entity, records, safe_echo, send
from actions.language import asks_which_of_them, fold, refers_back
from actions.records import repository
from actions.records.supplier_lookup import Candidate, find_suppliers
from actions.reference import catalogue

CONFIDENT_SCORE = 85.0
CLEAR_MARGIN = 6.0


def one_supplier(session: Any, name: str) -> Optional[Candidate]:
    """The one supplier a typed name means, or None when it means none or several."""
    return choose(find_suppliers(session, name[:200], limit=5))


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


# "give me the full advice" read as a new advice question is still a request for the full text.
_FULL_ADVICE_WORDS = re.compile(
    r"\b(full|complete|whole|entire|detailed|long) (advice|version|text)\b"
    r"|\b(volledige?|hele|complete|uitgebreide?|lange) (advies|versie|tekst)\b"
)


def pending_question(intent: Optional[str], text: str = "") -> str:
    """The question to answer once the supplier is known (a general step-3 question becomes advice)."""
    if intent in (RECORD, FULL_ADVICE) or topic_for(intent):
        return intent
    if _FULL_ADVICE_WORDS.search(fold(text)):
        return FULL_ADVICE
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


# A new advice question that is about some other supplier than the one in focus.
_ANOTHER_SUPPLIER = re.compile(
    r"\b(a supplier|one of our suppliers|another supplier|other supplier|een leverancier|een van onze leveranciers|"
    r"andere leverancier|nieuwe leverancier|new supplier)\b"
)
# What a user writes in answer to "which supplier?": then the question that waited is answered.
ANSWERS = frozenset({"inform", "nlu_fallback", "out_of_scope", "affirm"})


def supplier_names(tracker: Tracker) -> List[str]:
    """Supplier names in the latest message. A guessed unknown name counts only for a question about a
    supplier with none in focus ("whos the contact there?" is about the supplier in focus, not one
    called "whos"), or as the answer to "which supplier?"."""
    entities = [
        e for e in tracker.latest_message.get("entities", []) if e.get("entity") == "supplier" and e.get("value")
    ]
    intent = tracker.latest_message.get("intent", {}).get("name")
    question = intent in (ADVICE, FULL_ADVICE, RECORD) and not tracker.get_slot("supplier_in_focus")
    if not (question or asked_which(tracker)):
        entities = [e for e in entities if not e.get("unknown_name")]
    return [str(e["value"]) for e in entities]


def answer_agreement_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """ "Is the textile covenant still running?": the agreement's status and the current route, when a message
    names one (by its sector); False when it names none."""
    ended, current = agreements_asked(tracker.latest_message.get("text") or "")
    if ended or current:
        send(dispatcher, render.agreement_status_messages(ended, current, language_of(tracker)))
    return bool(ended or current)


def choosing_between_recent(tracker: Tracker) -> bool:
    """A question to choose between the suppliers just discussed ("which one first?", "welke van de twee?")."""
    recent = tracker.get_slot("recent_suppliers") or []
    return len(recent) >= 2 and asks_which_of_them(tracker.latest_message.get("text") or "")


def answer_events(
    dispatcher: CollectingDispatcher, tracker: Tracker, supplier: Any, pending: str, fields: List[str]
) -> List[Dict[str, Any]]:
    """Answers the question about this supplier: advice, record fields or a follow-up topic."""
    language = language_of(tracker)
    topic = topic_for(pending)
    kind = "supplier_record" if pending == RECORD else "supplier_topic" if topic else "supplier_advice"
    access.audit(object_session(supplier), tracker, kind, supplier)
    if pending == RECORD:
        send(dispatcher, record_messages(supplier, fields, language))
    elif topic:
        dispatcher.utter_message(response="utter_topic_for_supplier", supplier=supplier.name)
        advice = advise_supplier(supplier)
        messages = render.supplier_topic_messages(advice, topic, language)
        send(dispatcher, with_other_parts(messages, advice, language, tracker))
    elif pending == FULL_ADVICE:
        part = latest_entity(tracker, "advice_part")
        send(dispatcher, render.full_advice_messages(advise_supplier(supplier), language, part))
    else:  # short advice first; each part and the full text are a button away
        send(dispatcher, short_advice_messages(advise_supplier(supplier), language))
    return [*focus_events(tracker, supplier.id, supplier.name), SlotSet("pending_intent", None)]


def with_other_parts(messages: List[Any], advice: Any, language: str, tracker: Tracker) -> List[Any]:
    """A part asked for with a button of the short advice ends with the buttons of the other parts, so the
    widget (which keeps only the newest buttons) still offers them. Typed follow-ups stay as they are."""
    clicked = tracker.latest_message.get("text") or ""
    others = [b for b in short_advice_buttons(advice, language) if b["payload"] != clicked]
    if not messages or len(others) == len(short_advice_buttons(advice, language)):
        return messages
    *rest, (last, values) = messages
    return [*rest, (last, {**values, "buttons": others})]


def ask_which(dispatcher: CollectingDispatcher, tracker: Tracker, session: Any) -> None:
    """Asks which supplier; offers the company's suppliers in the country or with the risk just mentioned."""
    country = latest_entity(tracker, "country")
    risk = latest_entity(tracker, "risk_type")
    buttons: List[Dict[str, str]] = []
    if country or risk:
        found = repository.suppliers_where(session, country, risk, limit=5)
        intent = tracker.get_slot("pending_intent") or ADVICE
        buttons = supplier_buttons(as_candidates(found), language_of(tracker), intent)
    dispatcher.utter_message(response="utter_ask_supplier", buttons=buttons)


NAME_ANSWERS = frozenset({"inform", "nlu_fallback", "out_of_scope"})


def asked_which(tracker: Tracker) -> bool:
    """Whether the bot's last turn asked which supplier (so the reply is a name)."""
    return last_question(tracker) == "supplier"


def _names_other_things(tracker: Tracker) -> bool:
    return bool(latest_entity(tracker, "country") or latest_entity(tracker, "risk_type"))


def _as_typed(text: str) -> str:
    """A reply typed as a name, at most 80 characters (components/message_focus.py already left out markup)."""
    return text.strip()[:80]


def bare_answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
    """A bare answer without a supplier in it: a country or a risk starts country advice."""
    if latest_entity(tracker, "country") or latest_entity(tracker, "risk_type"):
        return [FollowupAction("action_country_question")]
    dispatcher.utter_message(response="utter_ask_what_next")
    return []


class ActionSupplierQuestion(Action):
    """A question that may be about one supplier: the one named, else the one in focus when it is
    a follow-up (leverage, "is that enough?", a field of the record), else the general answer;
    advice or a record question without a supplier asks which and is answered when told."""

    def name(self) -> str:
        return "action_supplier_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        text = tracker.latest_message.get("text") or ""
        named = supplier_names(tracker)
        if len(named) < 2 and choosing_between_recent(tracker):  # "which one should we tackle first?"
            return [FollowupAction("action_compare_suppliers")]
        waiting = tracker.get_slot("pending_intent")
        if intent in NAME_ANSWERS and not named and asked_which(tracker) and not _names_other_things(tracker):
            named = [_as_typed(text)]  # the answer to "which supplier?" is the name, whatever it looks like
        if intent in ANSWERS and not named:
            return bare_answer(dispatcher, tracker)
        focus = tracker.get_slot("supplier_id") if tracker.get_slot("supplier_in_focus") else None
        general = general_answer(intent)
        if not named and general and (focus is None or intent in GENERAL_ONLY):
            if not answer_agreement_question(dispatcher, tracker):
                dispatcher.utter_message(response=general)
            return [SlotSet("pending_intent", None)]
        if not access.allowed(dispatcher, tracker, language_of(tracker)):
            return [SlotSet("pending_intent", None)]
        pending = waiting if intent in ANSWERS and waiting else pending_question(intent, text)
        fields = tracker.get_slot("record_fields") or []
        if intent == RECORD and not text.startswith("/"):
            fields = fields_asked(text)
        events: List[Dict[str, Any]] = [SlotSet("pending_intent", pending), SlotSet("record_fields", fields)]
        try:
            with records(dispatcher) as session:
                if named:
                    return events + self._named(dispatcher, tracker, session, named[0], pending, fields)
                if focus is not None and (pending != ADVICE or not _ANOTHER_SUPPLIER.search(fold(text))):
                    supplier = repository.get_supplier(session, int(focus))
                    if supplier is not None:
                        return events + answer_events(dispatcher, tracker, supplier, pending, fields)
                ask_which(dispatcher, tracker, session)
        except RecordsUnavailable:
            return []
        return events

    @staticmethod
    def _named(
        dispatcher: CollectingDispatcher, tracker: Tracker, session: Any, name: str, pending: str, fields: List[str]
    ) -> List[Dict[str, Any]]:
        candidates = find_suppliers(session, name[:200], limit=5)
        chosen = choose(candidates)
        if chosen:
            supplier = repository.get_supplier(session, chosen.supplier_id)
            return answer_events(dispatcher, tracker, supplier, pending, fields)
        language = language_of(tracker)
        if candidates:
            dispatcher.utter_message(
                response="utter_did_you_mean", buttons=supplier_buttons(candidates, language, pending)
            )
        else:
            dispatcher.utter_message(response="utter_supplier_not_found", name=safe_echo(name))
        return []


def answer_as(
    intent: str, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> List[Dict[str, Any]]:
    """The supplier answer to the latest message, read as `intent` (the other actions' reading of it was
    unsure or off: "of heet het vd berg stoffen" is a name, not a "no")."""
    tracker.latest_message = {**tracker.latest_message, "intent": {"name": intent}}
    return ActionSupplierQuestion().run(dispatcher, tracker, domain)


class ActionListSuppliers(Action):
    def name(self) -> str:
        return "action_list_suppliers"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        language = language_of(tracker)
        if not access.allowed(dispatcher, tracker, language):
            return []
        country = latest_entity(tracker, "country")
        if not country and refers_back(tracker.latest_message.get("text") or ""):
            country = tracker.get_slot("country")  # "do we have suppliers there?" after a country question
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
                access.audit_many(session, tracker, "supplier_list", found)
                candidates = as_candidates(found[:5])
                response = "utter_supplier_list" if total else "utter_supplier_list_empty"
                dispatcher.utter_message(
                    response=response,
                    count=total,
                    filters=filters,
                    lines="\n".join(lines),
                    buttons=supplier_buttons(candidates, language),
                )
                if total == 1:  # "how much do we spend with them?" next is about this one
                    return focus_events(tracker, found[0].id, found[0].name)
        except RecordsUnavailable:
            return []
        return []
