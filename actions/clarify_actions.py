"""When the bot is not sure what was meant (or the message looks off-topic): a message that names one of
our suppliers is answered for that supplier; otherwise the likeliest topics are offered as buttons
instead of "I didn't understand"; a message over the size limit gets a request to shorten it."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.advice.record import fields_asked
from actions.advice.wording import entry, say
from actions.answer_actions import continue_question
from actions.asked import last_question
from actions.common import language_of
from actions.ncp_actions import GENERAL as NCP_GENERAL
from actions.ncp_actions import ActionNcpQuestion
from actions.parse_keys import too_long
from actions.supplier_actions import (
    ADVICE,
    RECORD,
    ActionSupplierQuestion,
    answer_agreement_question,
    answer_as,
    supplier_names,
)

MAX_OPTIONS = 3
MIN_CONFIDENCE = 0.05
NCP_TOPICS = frozenset(NCP_GENERAL)  # both answered by action_ncp_question


def likeliest_topics(parse_data: Dict[str, Any]) -> List[str]:
    """The two or three likeliest intents that have a topic to offer, most likely first."""
    titled = entry("topic_titles")
    ranking = parse_data.get("intent_ranking") or []
    found = [r["name"] for r in ranking if r.get("name") in titled and (r.get("confidence") or 0) >= MIN_CONFIDENCE]
    return list(dict.fromkeys(found))[:MAX_OPTIONS]


def about_an_unknown_supplier(parse_data: Dict[str, Any]) -> bool:
    """The likeliest intent is advice on a supplier, and the message has a name that is not in the records."""
    ranking = [r for r in parse_data.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
    guessed = any(e.get("entity") == "supplier" and e.get("unknown_name") for e in parse_data.get("entities", []))
    return guessed and bool(ranking) and ranking[0]["name"] == ADVICE


class ActionClarify(Action):
    def name(self) -> str:
        return "action_clarify"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[str, Any]]:
        language = language_of(tracker)
        limit = too_long(tracker.latest_message)
        if limit:
            dispatcher.utter_message(response="utter_message_too_long", limit=limit["limit"], chars=limit["chars"])
            return []
        events = continue_question(dispatcher, tracker)  # an answer typed oddly ("indonesie", "subsidie van rvo")
        if events is not None:
            return events
        if answer_agreement_question(dispatcher, tracker):
            return []
        if last_question(tracker) == "supplier":  # the bot asked which supplier: this is the name as typed
            return ActionSupplierQuestion().run(dispatcher, tracker, domain)
        if supplier_names(tracker):  # "naivasha flower farm, harassment complaints - where do we start"
            return ActionSupplierQuestion().run(dispatcher, tracker, domain)
        if about_an_unknown_supplier(tracker.latest_message):  # "what should we do about fjordlaks?"
            return answer_as(ADVICE, dispatcher, tracker, domain)  # says it is not in the records
        if tracker.latest_message.get("intent", {}).get("name") == "out_of_scope":
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        topics = likeliest_topics(tracker.latest_message)
        text = tracker.latest_message.get("text") or ""
        if RECORD in topics[:2] and tracker.get_slot("supplier_in_focus") and fields_asked(text):
            # "welke certificering hebben ze?": a field of the record of the supplier being discussed
            return answer_as(RECORD, dispatcher, tracker, domain)
        if topics and set(topics[:2]) <= NCP_TOPICS:  # unsure only whether it is the NCP or the government money
            return ActionNcpQuestion().run(dispatcher, tracker, domain)
        if not topics:
            dispatcher.utter_message(response="utter_default")
            return []
        buttons = [{"title": say(language, "topic_titles", t), "payload": f"/{t}"} for t in topics]
        dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        return []
