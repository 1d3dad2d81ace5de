"""Advice from a country, sector and risk alone (no supplier record)."""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.advice import render
from actions.advice.advice import advise_country, country_context, sector_in_text
from actions.common import language_of, latest_entities, latest_entity, safe_echo, send
from actions.reference import catalogue
from actions.reference.catalogue import country_in_text
from actions.turn import Turn


def country_events(tracker: Tracker) -> List[Dict[str, Any]]:
    """Country, risk and sector from this message only, so an earlier topic does not leak in. The supplier being
    discussed stays in focus: "and who is their contact?" after a country question is still about it."""
    text = tracker.latest_message.get("text") or ""
    return [
        SlotSet("country", latest_entity(tracker, "country") or country_in_text(text)),
        SlotSet("risk_type", latest_entity(tracker, "risk_type")),
        SlotSet("sector", sector_in_text(text) or None),
    ]


def country_advice(
    dispatcher: CollectingDispatcher, tracker: Tracker, country: str, risk: Any, sector: Any
) -> List[Dict[str, Any]]:
    """Advice from the reference facts only (in memory): answered even when the supplier database is down."""
    risks = [r for r in latest_entities(tracker, "risk_type") if r] or ([risk] if risk else [])
    sector = sector or sector_in_text(tracker.latest_message.get("text") or "")
    advice = advise_country(country, sector, list(dict.fromkeys(risks)))
    send(dispatcher, render.country_messages(advice, language_of(tracker)))
    return [SlotSet("country", country)]


def answer_country_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
    """The answer to "which country is it about?": advice, or the question again when it is not a country."""
    text = tracker.latest_message.get("text") or ""
    code = latest_entity(tracker, "country") or country_in_text(text[:200])
    if not code:
        dispatcher.utter_message(response="utter_country_not_recognised", value=safe_echo(text))
        dispatcher.utter_message(response="utter_ask_country")
        return []
    return country_advice(dispatcher, tracker, code, tracker.get_slot("risk_type"), tracker.get_slot("sector"))


def country_question(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Advice from a country, sector or risk: at once when the message names the country, else it asks which
    (once: a user who asks something else gets that answered; actions/asked.py)."""
    events = country_events(tracker)
    country = events[0]["value"]
    if country:
        return events + country_advice(dispatcher, tracker, country, events[1]["value"], events[2]["value"])
    dispatcher.utter_message(response="utter_ask_country")
    return events


def country_answer(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """The answer to "which country is it about?"."""
    return answer_country_question(dispatcher, tracker)


UNION_WORDS = re.compile(
    r"\b(unions?|vakbond\w*|organi[sz]e|organiseren|freedom of association|vakvereniging|worker voice|werknemersinspraak)\b"
)
COUNTRIES_SHOWN = 3


def asks_unions_in_a_country(turn: Turn) -> bool:
    """ "is Mexico like China where unions are banned?", "can workers join a real union in vietnam?"."""
    if turn.named or turn.payload or turn.over_the_list:  # a list question lists, then adds this
        return False
    return bool(turn.countries_named and UNION_WORDS.search(turn.folded))


def unions_in_country(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Whether workers can organise in each country named: prohibited by law, hardly, or its ITUC rating."""
    for iso2 in turn.countries_named[:COUNTRIES_SHOWN]:
        context = country_context(catalogue.country_by_code(iso2))
        dispatcher.utter_message(
            response="utter_country_context",
            country=render.country_name(context, turn.language)
            if context
            else catalogue.country_name(iso2, turn.language),
            country_text=render.country_text(context, turn.language),
        )
    return [SlotSet("country", turn.countries_named[0])]
