"""Involvement in a harm (cause, contribute, directly linked) and the playbooks for the hard cases."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import access
from actions.advice import render
from actions.advice.advice import advise_supplier
from actions.advice.case import DEPENDENT_SHARE, EXITS, RESPONSES
from actions.advice.expert import hard_case_in_text, involvement_in_text
from actions.advice.law_render import law_values
from actions.advice.render_records import field_value
from actions.advice.topics import SUPPLIER_TOPICS
from actions.answers.supplier import with_supplier_meant
from actions.common import RecordsUnavailable, language_of, latest_entity, records, send
from actions.language import refers_back
from actions.records import repository
from actions.turn import Turn

INVOLVEMENT_ANSWERS = {
    "causes": "utter_involvement_causes",
    "contributes": "utter_involvement_contributes",
    "linked": "utter_involvement_linked",
}
PLAYBOOKS = {
    "state_forced_labour": "utter_playbook_state_forced_labour",
    "conflict_areas": "utter_playbook_conflict_areas",
    "smallholder_child_labour": "utter_playbook_smallholder_child_labour",
    "deforestation": "utter_playbook_deforestation",
    "dependent_exit": "utter_playbook_dependent_exit",
}


def involvement(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """The answer for the involvement the user chose or described; otherwise how to tell, with a choice."""
    chosen = latest_entity(tracker, "involvement")
    if chosen not in INVOLVEMENT_ANSWERS:
        chosen = involvement_in_text(tracker.latest_message.get("text") or "")
    dispatcher.utter_message(response=INVOLVEMENT_ANSWERS.get(chosen or "", "utter_involvement_ask"))
    return []


def hard_case(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """The playbook for the hard case the user chose or named; otherwise the list of playbooks."""
    case = latest_entity(tracker, "hard_case")
    if case not in PLAYBOOKS:
        case = hard_case_in_text(tracker.latest_message.get("text") or "")
    if case:
        dispatcher.utter_message(response=PLAYBOOKS[case], **law_values(language_of(tracker)))
    else:
        dispatcher.utter_message(response="utter_hard_case_ask")
    return []


def remediation(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Remediation and grievance mechanisms. About the supplier in focus ("union members get threatened
    there, what do we do?") its recorded risks with their measures come first, then how remediation works."""
    text = turn.text
    focus = tracker.get_slot("supplier_id") if tracker.get_slot("supplier_in_focus") else None
    shown = access.may_see_records(access.identity_of(tracker))  # else only the general answer below
    if focus is not None and shown and refers_back(text):
        try:
            with records(dispatcher) as session:
                supplier = repository.get_supplier(session, int(focus))
                if supplier is not None:
                    access.audit(session, tracker, "supplier_topic", supplier)
                    dispatcher.utter_message(response="utter_topic_for_supplier", supplier=supplier.name)
                    risks = SUPPLIER_TOPICS["ask_prioritisation"]
                    send(
                        dispatcher,
                        render.supplier_topic_messages(advise_supplier(supplier), risks, language_of(tracker)),
                    )
        except RecordsUnavailable:
            pass  # the user was told; the general answer still follows
    dispatcher.utter_message(response="utter_remediation")
    return []


def described_case(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """The answer for the case the message describes (own operations, purchasing, a hard case, an exit), about
    the supplier named or in focus when there is one: its record line first, then what to do in this case."""
    situation = turn.situation
    language = language_of(tracker)

    def record_line(supplier: Any) -> None:
        share = supplier.share_of_supplier_revenue_pct
        dependent = situation in EXITS and share is not None and share >= DEPENDENT_SHARE
        dispatcher.utter_message(
            response="utter_case_supplier_dependent" if dependent else "utter_case_supplier",
            supplier=supplier.name,
            **{f: field_value(supplier, f, language) for f in ("country", "share", "years", "tier")},
        )

    # harm in the company's own operations is no supplier's: no supplier's record beside it
    events = [] if situation == "own_operations" else with_supplier_meant(dispatcher, tracker, turn, record_line)
    dispatcher.utter_message(response=RESPONSES[situation], **law_values(language))
    return events
