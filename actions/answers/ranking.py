"""Which supplier first: two compared ("which of the two?"), or all ranked ("where should we act first?")."""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import access
from actions.advice.priority import SupplierFacts, compare, rank
from actions.advice.render_records import compare_messages, rank_messages
from actions.answers.supplier import focus_events, one_supplier
from actions.common import RecordsUnavailable, language_of, records, send
from actions.records.models import Supplier
from actions.turn import Turn


def _named_ids(session: Any, turn: Turn) -> List[int]:
    ids: List[int] = []
    for value in turn.named:
        chosen = one_supplier(session, str(value))
        if chosen and chosen.supplier_id not in ids:
            ids.append(chosen.supplier_id)
    return ids


def _ids_to_compare(session: Any, turn: Turn) -> List[int]:
    """The two suppliers meant: named in the message, else the named one and the one in focus,
    else the last two discussed."""
    named = _named_ids(session, turn)
    for supplier_id in reversed(turn.recent):
        if len(named) >= 2:
            break
        if supplier_id not in named:
            named.append(supplier_id)
    return named[:2]


_COMPARING = re.compile(
    r"\b(compar\w*|vergelijk\w*|versus|vs|than|dan|first|eerst|which|welke|or|of|both|beide|two|twee)\b"
)


# "which one are we more important to?", "where is our share bigger?", "bij wie hebben we meer invloed?"
_BY_SHARE = re.compile(
    r"\b(more important|most important|belangrijker|belangrijkst|bigger share|larger share|higher share|"
    r"groter aandeel|grootste aandeel|hoger aandeel|more leverage|most leverage|meer invloed|meeste invloed|"
    r"leverage difference|verschil in invloed)\b"
)


def asks_to_compare(turn: Turn) -> bool:
    """ "the cocoa guys in ghana vs the ones in ivory coast - which first?"."""
    return bool(
        re.search(r"\b(compar\w*|vergelijk\w*|versus|vs|which first|wie eerst|welke eerst|or|of)\b", turn.folded)
    )


def can_compare(turn: Turn) -> bool:
    """Two suppliers to compare, asked in words that compare: named, or named and discussed lately."""
    others = set(turn.recent) - set(turn.named_ids)
    return bool(_COMPARING.search(turn.folded)) and len(set(turn.named)) + len(others) >= 2


def compare_suppliers(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Which of two suppliers first, and why."""
    if not access.allowed(dispatcher, tracker, turn.language):
        return []
    try:
        with records(dispatcher) as session:
            suppliers = [session.get(Supplier, i) for i in _ids_to_compare(session, turn)]
            suppliers = [s for s in suppliers if s is not None]
            if len(suppliers) < 2:
                dispatcher.utter_message(response="utter_compare_needs_two")
                return []
            comparison = compare(SupplierFacts.of(suppliers[0]), SupplierFacts.of(suppliers[1]))
            access.audit_many(session, tracker, "supplier_comparison", suppliers)
            send(dispatcher, compare_messages(comparison, language_of(tracker), bool(_BY_SHARE.search(turn.folded))))
            first = next(s for s in suppliers if s.id == comparison.first.facts.supplier_id)
            second = next(s for s in suppliers if s is not first)
            # the recommended one comes into focus ("ok, what's the first step there?")
            return focus_events(tracker, first.id, first.name, also_recent=second.id)
    except RecordsUnavailable:
        return []


def rank_suppliers(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Where to act first across all suppliers."""
    if not access.allowed(dispatcher, tracker, language_of(tracker)):
        return [SlotSet("pending_intent", None)]
    try:
        with records(dispatcher) as session:
            suppliers = list(session.execute(select(Supplier)).scalars())
            ranked = rank([SupplierFacts.of(s) for s in suppliers], limit=5)
            shown = [s for p in ranked for s in suppliers if s.id == p.facts.supplier_id]
            access.audit_many(session, tracker, "supplier_ranking", shown)
            send(dispatcher, rank_messages(ranked, len(suppliers), language_of(tracker)))
    except RecordsUnavailable:
        return []
    return [SlotSet("pending_intent", None)]
