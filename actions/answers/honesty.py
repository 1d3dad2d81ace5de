"""Honest answers: no guess at a fact the records do not hold, and no other company's data.

"Give me your best guess for the audit date" gets the recorded value, or "not recorded, I don't guess, ask …";
"what does Primark pay them?" gets "not available to me": only the company's own records are here."""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import access
from actions.advice.record import WHOLE_RECORD
from actions.advice.render_records import field_value
from actions.advice.wording import say
from actions.answers.supplier import focus_events, meant_supplier, one_supplier
from actions.common import RecordsUnavailable, records
from actions.reference import catalogue
from actions.turn import Turn

GUESS = re.compile(
    r"\b(?<!i )(guess|guesstimate|ballpark|rough (idea|figure|number)|roughly|make (something|one) up|"
    r"estimate (how|what|the number|for me)|give me an estimate|your (best )?estimate|"
    r"schat (voor mij |eens |even )?(in )?(hoeveel|hoe|wat)|een schatting|gok\w*|ruwe schatting|bij benadering|verzin)\b"
)
_COMPANIES = (
    r"competitors?|concurrent\w*|other (companies|company|brands?|buyers?|customers?|retailers?)|"
    r"(brands?|companies|buyers|customers|merken|bedrijven|afnemers) (that|who|die) (also )?(buy|source|order|kopen|inkopen)|"
    r"apple|samsung|tesla|volkswagen|bmw|ahold|unilever|nestle|mars|"
    r"andere (bedrijven|bedrijf|merken|merk|afnemers?|klanten|kopers?|retailers?)|"
    r"h&m|h ?& ?m|primark|zara|inditex|c&a|nike|adidas|ikea|albert heijn|jumbo|lidl|aldi|tesco|walmart|hema|zeeman"
)
_THEIR_DATA = (
    r"pay|pays|paid|paying|price\w*|cost\w*|betal\w*|betaal\w*|prijs\w*|prijzen|data|gegevens|audit\w*|contract\w*|volumes?|"
    r"margins?|marges?|spend\w*|inkoop\w*|buy\w*|koop\w*|terms|voorwaarden|share|aandeel"
)
OTHER_COMPANY = re.compile(
    rf"\b({_COMPANIES})\b.{{0,50}}\b({_THEIR_DATA})\b|\b({_THEIR_DATA})\b.{{0,50}}\b({_COMPANIES})\b"
    r"|\bwho else (buys|sources|orders)\b|\bwelke andere (klanten|afnemers)\b"
)


_REFERS_TO_FIELD = re.compile(r"\b(the date|that date|die datum|the number|that|dat|it|het)\b")
# "is it sorted?", "die paspoorten, is dat inmiddels opgelost?": the records hold notes, not the state of an issue
RESOLVED = re.compile(
    r"\b(resolved|sorted|fixed|solved|settled|addressed|closed|opgelost|verholpen|afgehandeld|geregeld|"
    r"still (happening|the case|an issue|going on|a problem)|nog steeds|nog altijd|inmiddels)\b"
)


def asks_if_resolved(turn: Turn) -> bool:
    return bool(RESOLVED.search(turn.folded)) and (turn.focus is not None or bool(turn.named)) and not turn.payload


def resolution_not_recorded(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Whether an issue is resolved: what the record notes, that its state is not recorded, and how to find out."""
    if not access.allowed(dispatcher, tracker, turn.language, turn.question):
        return []
    try:
        with records(dispatcher) as session:
            supplier = meant_supplier(session, turn)
            if supplier is None:
                dispatcher.utter_message(response="utter_no_guess_general")
                return []
            access.audit(session, tracker, "supplier_record", supplier)
            dispatcher.utter_message(
                response="utter_resolution_not_recorded",
                supplier=supplier.name,
                notes=field_value(supplier, "notes", turn.language),
                audit=field_value(supplier, "audit", turn.language),
            )
            return focus_events(tracker, supplier.id, supplier.name)
    except RecordsUnavailable:
        return []


GUIDELINES_APPLY = re.compile(
    r"\b(guidelines?|richtlijnen|oecd|oeso|imvo|due diligence)\b.{0,40}\b(apply|applies|count|gelden|geldt|van toepassing)\b"
    r"|\b(gelden|geldt|apply|applies)\b.{0,30}\b(guidelines?|richtlijnen)\b"
    r"|\b(state[- ]owned|staatsbedrijf|van de staat|overheidsbedrijf)\b.{0,40}\b(point|zin|apply|gelden|matter)"
)


def asks_if_guidelines_apply(turn: Turn) -> bool:
    """ "So do the international guidelines even apply there?", "they're state owned, so whats the point?"."""
    return bool(GUIDELINES_APPLY.search(turn.folded)) and not turn.payload


OFFICIAL_CONTACT = re.compile(
    r"\b(ministr\w*|ministerie|embass\w*|ambassade|official|ambtenaar|rvo|atradius)\b.{0,60}"
    r"\b(name|naam|e-?mail\w*|mailadres|phone|telefoon\w*|number|nummer|contact (details|person)|contactgegevens|"
    r"contactpersoon|who exactly|wie precies)\b"
    r"|\b(who|wie|which person|welke persoon)\b.{0,20}\b(at the|bij het|bij de)\b.{0,10}\b(ministr\w*|ministerie|embass\w*|ambassade)\b"
    r"|\b(name|naam|e-?mail|phone|telefoon\w*|contact details|contactgegevens)\b.{0,40}\b(ministr\w*|ministerie|embass\w*|ambassade)\b"
)


def asks_for_an_official(turn: Turn) -> bool:
    """ "Who at the ministry exactly? Give me a name and email": people's contact details are not in the data."""
    return bool(OFFICIAL_CONTACT.search(turn.folded)) and not turn.payload


def official_contacts(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """No names, e-mail addresses or phone numbers of officials: the bodies' official sites instead."""
    lines = [
        say(turn.language, "government_line", name=c.name(turn.language), website=c.website)
        for c in catalogue.government_contacts()
        if c.website
    ]
    dispatcher.utter_message(response="utter_no_official_contacts", government_lines="\n".join(lines))
    return []


GAPS = re.compile(
    r"\bwhat (don't|do not|dont) we know\b|\bwat weten (we|wij) ni?et\b|\bwhat (is|'s) missing\b|\bwat ontbreekt\b"
    r"|\bwhat (isn't|is not) (in the|recorded)\b|\bwat staat er niet\b"
)


def asks_what_is_not_recorded(turn: Turn) -> bool:
    """ "Wat weten we níet over deze leverancier?" about the supplier named or in focus."""
    return bool(GAPS.search(turn.folded)) and (turn.focus is not None or bool(turn.named)) and not turn.payload


def not_recorded(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """The fields of the record that are empty, and the contact details the records never hold."""
    if not access.allowed(dispatcher, tracker, turn.language, turn.question):
        return []
    try:
        with records(dispatcher) as session:
            supplier = meant_supplier(session, turn)
            if supplier is None:
                dispatcher.utter_message(response="utter_no_guess_general")
                return []
            access.audit(session, tracker, "supplier_record", supplier)
            missing = say(turn.language, "not_recorded")
            gaps = [f for f in (*WHOLE_RECORD, "contact_details") if field_value(supplier, f, turn.language) == missing]
            lines = "\n".join(
                say(turn.language, "gap_line", label=say(turn.language, "record_fields", f)) for f in gaps
            )
            dispatcher.utter_message(response="utter_record_gaps", supplier=supplier.name, gap_lines=lines)
            return focus_events(tracker, supplier.id, supplier.name)
    except RecordsUnavailable:
        return []


def asks_for_a_guess(turn: Turn) -> bool:
    return bool(GUESS.search(turn.folded))


def asks_other_company_data(turn: Turn) -> bool:
    return bool(OTHER_COMPANY.search(turn.folded))


def other_company(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Another company's prices or data: not available, and what can be done instead."""
    dispatcher.utter_message(response="utter_no_other_company_data")
    if not turn.named:
        return []
    try:  # "what did Hema's audit at Lotus Weaving find?": our own record of Lotus Weaving may come next
        with records(dispatcher) as session:
            chosen = one_supplier(session, turn.named[0])
            return focus_events(tracker, chosen.supplier_id, chosen.name) if chosen else []
    except RecordsUnavailable:
        return []


def no_guess(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """A guess asked for: the recorded value where there is one; otherwise not recorded, no guess, where to get it."""
    fields = list(turn.fields)
    if not fields and _REFERS_TO_FIELD.search(turn.folded):  # "your best guess for the date" after an audit question
        fields = list(tracker.get_slot("record_fields") or [])
    if not access.allowed(dispatcher, tracker, turn.language, turn.question):
        return []
    try:
        with records(dispatcher) as session:
            supplier = meant_supplier(session, turn)
            if supplier is None or not fields:
                dispatcher.utter_message(response="utter_no_guess_general")
                return []
            access.audit(session, tracker, "supplier_record", supplier)
            missing = say(turn.language, "not_recorded")
            for field in fields:
                label = say(turn.language, "record_fields", field)
                value = field_value(supplier, field, turn.language)
                if value == missing:
                    dispatcher.utter_message(response="utter_no_guess", field=label, supplier=supplier.name)
                else:
                    dispatcher.utter_message(
                        response="utter_recorded_not_guessed", field=label, supplier=supplier.name, value=value
                    )
            return focus_events(tracker, supplier.id, supplier.name)
    except RecordsUnavailable:
        return []
