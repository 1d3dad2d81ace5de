"""Involvement in a harm (cause, contribute, directly linked) and the playbooks for the hard cases."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import access
from actions.advice import render
from actions.advice.advice import advise_supplier
from actions.advice.expert import asks_about_remedy, hard_case_in_text, involvement_in_text
from actions.advice.law_render import law_values
from actions.advice.topics import SUPPLIER_TOPICS
from actions.common import RecordsUnavailable, language_of, latest_entity, records, send
from actions.language import refers_back
from actions.records import repository
from actions.supplier_actions import ADVICE, answer_as, supplier_names

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


class ActionInvolvement(Action):
    """The answer for the involvement the user chose or described; otherwise how to tell, with a choice."""

    def name(self) -> str:
        return "action_involvement"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        chosen = latest_entity(tracker, "involvement")
        if chosen not in INVOLVEMENT_ANSWERS:
            chosen = involvement_in_text(tracker.latest_message.get("text") or "")
        dispatcher.utter_message(response=INVOLVEMENT_ANSWERS.get(chosen or "", "utter_involvement_ask"))
        return []


class ActionHardCase(Action):
    """The playbook for the hard case the user chose or named; otherwise the list of playbooks."""

    def name(self) -> str:
        return "action_hard_case"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        case = latest_entity(tracker, "hard_case")
        if case not in PLAYBOOKS:
            case = hard_case_in_text(tracker.latest_message.get("text") or "")
        if case:
            dispatcher.utter_message(response=PLAYBOOKS[case], **law_values(language_of(tracker)))
        else:
            dispatcher.utter_message(response="utter_hard_case_ask")
        return []


class ActionRemediation(Action):
    """Remediation and grievance mechanisms. About the supplier in focus ("union members get threatened there,
    what do we do?") its recorded risks with their measures come first, then how remediation works."""

    def name(self) -> str:
        return "action_remediation"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        if supplier_names(tracker) and not asks_about_remedy(text):
            # "ningbo solar, we zijn maar 2,5% van hun omzet. wat kunnen we doen": advice on that supplier
            return answer_as(ADVICE, dispatcher, tracker, domain)
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
