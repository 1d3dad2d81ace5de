"""Questions over the whole supplier list: filtered ("never audited", "Bengaalse", "without a plan"), ordered
("by share", "top 3 by spend", "most at risk") or narrowed ("which of those …"). What a question picks out:
actions/records/supplier_filters.py. Each line shows the field the question was about."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Dict, List, Sequence

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import access
from actions.advice.priority import SupplierFacts, rank
from actions.advice.render import date_text, number
from actions.advice.render_records import field_value, rank_messages
from actions.advice.wording import say
from actions.answers import country
from actions.answers.supplier import as_candidates, focus_events, supplier_buttons
from actions.common import RecordsUnavailable, records, send
from actions.records import plan_repository
from actions.records import supplier_filters as filters
from actions.records.models import Supplier
from actions.reference import catalogue
from actions.turn import Turn

SHOWN = 20
RANKED = 5
LISTED_SLOT = "listed_suppliers"
QUERY_SLOT = "list_query"


AUDIT_WORKS = re.compile(r"\baudits?\b.{0,25}\b(work|werk\w*|credible|betrouwbaar|zin|help)")


def _among(tracker: Tracker, turn: Turn) -> List[int]:
    """ "Which of those …": the suppliers of the last list, else the ones just discussed ("which one has a
    certification?" after two were compared)."""
    listed = [int(i) for i in tracker.get_slot(LISTED_SLOT) or []]
    if turn.follows_list or not turn.recent:
        return listed
    return list(turn.recent) if len(turn.recent) >= 2 else listed


def read_query(turn: Turn, suppliers: Sequence[Supplier]) -> filters.ListQuery:
    schemes = {c for s in suppliers for c in s.certification_list}
    return filters.read_list_query(turn.text, turn.countries_named, turn.risks, schemes, places=turn.places)


def criteria_text(query: filters.ListQuery, language: str) -> str:
    """The filters and order in words, after "You have 3 suppliers": " in Bangladesh, never audited"."""
    parts = [say(language, "list_filter_country", country=catalogue.country_name(c, language)) for c in query.countries]
    parts += [say(language, "list_filter_country", country=place) for place in query.places]
    parts += [say(language, "list_filter_sector", sector=catalogue.sector(s).name(language)) for s in query.sectors]
    parts += [
        say(language, "list_filter_risk", risk=catalogue.risk_type(r).name(language))
        for r in query.risks
        if catalogue.risk_type(r)
    ]
    if query.never_audited:
        parts.append(say(language, "list_filters", "never_audited"))
    if query.audited_before:
        parts.append(say(language, "list_filters", "audited_before", date=_day(query.audited_before, language)))
    if query.certification:
        parts.append(say(language, "list_filters", "scheme", scheme=query.certification))
    elif query.certified is not None:
        parts.append(say(language, "list_filters", "certified" if query.certified else "uncertified"))
    if query.with_plan is not None:
        parts.append(say(language, "list_filters", "plan" if query.with_plan else "no_plan"))
    if query.share_above is not None:
        parts.append(say(language, "list_filters", "share_above", share=number(query.share_above, language)))
    if query.ever_audited:
        parts.append(say(language, "list_filters", "ever_audited"))
    if query.tier is not None:
        parts.append(say(language, "list_filters", "tier_1" if query.tier == 1 else "tier_deeper"))
    if query.refines:
        parts.append(say(language, "list_filters", "among_listed"))
    if query.order in ("share", "spend", "years", "audit"):
        parts.append(say(language, "list_orders_lowest" if query.ascending else "list_orders", query.order))
    return "".join(parts)


def _day(value: Any, language: str) -> str:
    return date_text(value.isoformat(), language) or value.isoformat()


def _fields_shown(query: filters.ListQuery) -> List[str]:
    """The record fields each line shows: what the question was about, else the known risks."""
    fields = []
    if query.never_audited or query.audited_before or query.ever_audited:
        fields.append("audit")
    if query.tier is not None:
        fields.append("tier")
    if query.certified is not None or query.certification:
        fields.append("certifications")
    if query.order in ("share", "spend", "years"):
        fields.append(query.order)
    elif query.order == "audit" and "audit" not in fields:
        fields.append("audit")
    elif query.share_above is not None:
        fields.append("share")
    return fields or ["risks"]


def _line(supplier: Supplier, query: filters.ListQuery, planned: bool, language: str) -> str:
    details = [
        say(language, "list_detail", label=say(language, "record_fields", f), value=field_value(supplier, f, language))
        for f in _fields_shown(query)
    ]
    if query.with_plan is not None:
        details.append(say(language, "list_filters", "plan" if planned else "no_plan").strip(" ,"))
    return say(
        language,
        "list_line",
        name=supplier.name,
        country=catalogue.country_name(supplier.country_iso2, language),
        risks="; ".join(details),
    )


def list_suppliers(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """The suppliers a question over the list picks out, with the field it asked about; the one found comes into
    focus, the ones found are kept for "which of those …"."""
    language = turn.language
    if not access.allowed(dispatcher, tracker, language, turn.question):
        return []
    try:
        with records(dispatcher) as session:
            suppliers = list(session.execute(select(Supplier)).scalars())
            query = read_query(turn, suppliers)
            previous = filters.from_slot(tracker.get_slot(QUERY_SLOT))
            if turn.continues_list and previous is not None:
                query = filters.merged(previous, query)
            if not query.countries and turn.refers_back and tracker.get_slot("country"):
                query = replace(query, countries=(tracker.get_slot("country"),))
            among = _among(tracker, turn) if query.refines else []
            if not among:  # nothing listed or discussed before: over the whole list
                query = replace(query, refines=False)
            planned = {plan.supplier_id for plan, _supplier in plan_repository.all_plans(session)}
            found = filters.select(query, suppliers, planned, among)
            events = [SlotSet(LISTED_SLOT, [s.id for s in found]), SlotSet(QUERY_SLOT, filters.as_slot(query))]
            if query.order == "severity":
                return events + _ranked(dispatcher, tracker, session, query, found, language)
            shown = found[: query.limit or SHOWN]
            lines = [_line(s, query, s.id in planned, language) for s in shown]
            if len(found) > len(shown) and not query.limit:
                lines.append(say(language, "list_more", count=len(found) - len(shown)))
            access.audit_many(session, tracker, "supplier_list", shown)
            criteria = criteria_text(query, language)
            if not found:
                dispatcher.utter_message(response="utter_supplier_list_none", filters=criteria.strip(" ,"))
                return events
            dispatcher.utter_message(
                response="utter_supplier_list",
                count=len(found),
                filters=criteria,
                lines="\n".join(lines),
                buttons=supplier_buttons(as_candidates(shown[:5]), language),
            )
            if query.countries and (country.UNION_WORDS.search(turn.folded) or AUDIT_WORKS.search(turn.folded)):
                # "… and what does that mean for union rights?", "can an audit even work there?"
                events += country.unions_in_country(dispatcher, tracker, turn)
            if len(found) == 1:  # "how much do we spend with them?" next is about this one
                return events + focus_events(tracker, found[0].id, found[0].name)
            return events
    except RecordsUnavailable:
        return []


def _ranked(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    session: Any,
    query: filters.ListQuery,
    found: Sequence[Supplier],
    language: str,
) -> List[Dict[str, Any]]:
    """ "Which of our Chinese suppliers is most at risk?": the filtered suppliers ranked by severity."""
    ranked = rank([SupplierFacts.of(s) for s in found], limit=query.limit or RANKED)
    shown = [s for p in ranked for s in found if s.id == p.facts.supplier_id]
    access.audit_many(session, tracker, "supplier_ranking", shown)
    send(dispatcher, rank_messages(ranked, len(found), language, criteria_text(query, language)))
    return []
