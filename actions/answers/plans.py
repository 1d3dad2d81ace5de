"""Action plans in the conversation: draft one for the supplier named or in focus, change it, report on it.

Each answer finds the supplier (the helpers of answers/supplier.py), calls actions/plans/ and
actions/records/plan_repository.py, and sends response keys with values (domain/plans.yml).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import access
from actions.advice.priority import SupplierFacts, rank
from actions.advice.render_records import _rank_line
from actions.answers.supplier import as_candidates, focus_events, one_supplier, supplier_buttons
from actions.common import RecordsUnavailable, language_of, latest_entities, latest_entity, records, safe_echo, send
from actions.plans import chat
from actions.plans.draft import draft_plan
from actions.plans.validation import MAX_MEASURE_TEXT, PlanInputError
from actions.records import plan_repository as plans
from actions.records import repository
from actions.turn import Turn

MAKE_PLAN = "make_plan"
MISSING_SHOWN = 8
DRAFT_FIRST = frozenset({"owner", "review", "add"})  # edits that make sense on a plan drafted right now
MEASURE_ECHOED = MAX_MEASURE_TEXT  # a new measure is shown back whole, so the user sees what was saved


def _supplier(dispatcher: CollectingDispatcher, turn: Turn, session: Any) -> Optional[Any]:
    """The supplier named in the message, else the one in focus; says so when a name matches none."""
    named = turn.supplier_names()
    if named:
        chosen = one_supplier(session, named[0])
        if chosen is None:
            dispatcher.utter_message(response="utter_supplier_not_found", name=safe_echo(named[0]))
            return None
        return repository.get_supplier(session, chosen.supplier_id)
    if turn.focus is not None:
        supplier = repository.get_supplier(session, turn.focus)
        if supplier is not None:
            return supplier
    dispatcher.utter_message(response="utter_plan_which_supplier")
    return None


def make_plan(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Drafts the plan for a supplier and stores it; a supplier that has one gets its status instead."""
    language = language_of(tracker)
    if not access.allowed(dispatcher, tracker, language):
        return []
    try:
        with records(dispatcher) as session:
            supplier = _supplier(dispatcher, turn, session)
            if supplier is None:
                return []
            plan = plans.get_plan(session, supplier.id)
            access.audit(session, tracker, "plan_draft" if plan is None else "plan_status", supplier)
            if plan is not None:
                dispatcher.utter_message(response="utter_plan_exists", supplier=supplier.name)
                send(dispatcher, [chat.status_message(plan, supplier.name, language)])
            else:
                plan = plans.create_plan(session, draft_plan(supplier, language), who=tracker.sender_id)
                send(dispatcher, chat.drafted_messages(plan, supplier.name, language))
            return focus_events(tracker, supplier.id, supplier.name)
    except RecordsUnavailable:
        return []


def names_an_owner(turn: Turn) -> bool:
    """ "set owner Rahul Mehta, …, rahul@x.in": an owner with an e-mail address is a plan edit wherever it comes."""
    edit = chat.read_edit(turn.text)
    named = bool(chat.OWNER_WORDS.search(turn.folded)) and bool(edit.owner_name)
    return edit.kind == "owner" and named and "@" in edit.owner_email


def reads_as_an_edit(turn: Turn) -> bool:
    """A message that says what to change in a plan ("owner is …", "review date …", "measure 2 done")."""
    edit = chat.read_edit(turn.text)
    if edit.kind == "review" and edit.date is None:
        return False  # "wat is de reviewdatum nu?" asks, it sets nothing
    return edit.kind != "unclear"


ASK_FIELD = {"owner": "utter_plan_ask_owner", "review": "utter_plan_ask_review"}


def edit_plan(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Names the owner, sets the review date, a measure's status or wording, adds a measure; invalid input
    asks back and saves nothing."""
    language = language_of(tracker)
    if not access.allowed(dispatcher, tracker, language):
        return []
    text = tracker.latest_message.get("text") or ""
    edit = chat.read_edit(text, [str(v) for v in latest_entities(tracker, "risk_type")])
    messages: List[chat.Message] = []
    try:
        with records(dispatcher) as session:
            supplier = _supplier(dispatcher, turn, session)
            if supplier is None:
                return []
            events = focus_events(tracker, supplier.id, supplier.name)
            plan = plans.get_plan(session, supplier.id)
            drafted: List[chat.Message] = []
            if plan is None and edit.kind in DRAFT_FIRST:
                # "owner is Fatima …" for a supplier without a plan: the user means the plan; draft it, then change it
                plan = plans.create_plan(session, draft_plan(supplier, language), who=tracker.sender_id)
                drafted = chat.drafted_messages(plan, supplier.name, language)[:1]
            if plan is None:
                dispatcher.utter_message(response="utter_plan_none", supplier=supplier.name)
                return events
            asked = latest_entity(tracker, "plan_field") if turn.payload else None
            if asked in ASK_FIELD:  # a button after the draft: ask for the owner or the date, then read the reply
                dispatcher.utter_message(response=ASK_FIELD[asked], supplier=supplier.name)
                return events
            try:
                messages = drafted + _apply(session, plan, supplier.name, edit, language, tracker.sender_id)
            except PlanInputError as error:
                session.rollback()  # nothing half-saved, the draft neither
                messages = [_invalid(error.problem, edit, language)]
            access.audit(session, tracker, "plan_edit", supplier)  # after a rollback too: the plan was shown
    except RecordsUnavailable:
        return []
    send(dispatcher, messages)
    return events


def _apply(session: Any, plan: Any, supplier: str, edit: chat.Edit, language: str, who: str) -> List[chat.Message]:
    if edit.kind == "owner":
        plans.set_owner(session, plan, edit.owner_name, edit.owner_role, edit.owner_email, who=who)
        owner_set = (
            "utter_plan_owner_set",
            {"owner": chat.owner_text(plan, language), "supplier": supplier, "link": chat.plan_url(plan)},
        )
        if edit.date is None:
            return [owner_set]
        try:  # the owner stands; a review date in the past is refused on its own
            plans.set_review_date(session, plan, edit.date, who=who)
        except PlanInputError:
            return [owner_set, ("utter_plan_review_not_set_past", {"date": chat.day(edit.date, language)})]
        review = {"supplier": supplier, "date": chat.day(plan.review_date, language), "link": chat.plan_url(plan)}
        return [owner_set, ("utter_plan_review_set", review)]
    if edit.kind == "review":
        plans.set_review_date(session, plan, edit.date, who=who)
        return [
            (
                "utter_plan_review_set",
                {"supplier": supplier, "date": chat.day(plan.review_date, language), "link": chat.plan_url(plan)},
            )
        ]
    measure = chat.find_measure(plan, edit) if edit.kind in ("status", "reword") else None
    if edit.kind in ("status", "reword") and measure is None:
        return [
            (
                "utter_plan_which_measure",
                {"supplier": supplier, "measure_lines": chat.measure_lines(plan, language)},
            )
        ]
    if edit.kind == "status":
        others = [m for m in plan.measures if m.position in edit.also_positions]
        return [_set_status(session, plan, m, edit.status, supplier, language, who) for m in [measure, *others]]
    if edit.kind == "reword":
        plans.reword(session, plan, measure, edit.measure_text, who=who)
        return [("utter_plan_measure_reworded", _measure_values(plan, measure, supplier))]
    if edit.kind == "add":
        measure = plans.add_measure(session, plan, edit.measure_text, who=who)
        return [("utter_plan_measure_added", _measure_values(plan, measure, supplier))]
    return [("utter_plan_which_change", {"supplier": supplier})]


def _set_status(
    session: Any, plan: Any, measure: Any, status: str, supplier: str, language: str, who: str
) -> chat.Message:
    response = "utter_plan_measure_unchanged" if measure.status == status else "utter_plan_measure_set"
    plans.set_status(session, plan, measure, status, who=who)
    values = {
        "position": measure.position,
        "supplier": supplier,
        "measure": chat.measure_label(measure, language),
        "status": chat.say(language, "statuses", measure.status),
    }
    return (response, values)


def _measure_values(plan: Any, measure: Any, supplier: str) -> Dict[str, Any]:
    """A measure's new text as the user will find it on the plan page (echoed safely)."""
    return {
        "position": measure.position,
        "supplier": supplier,
        "measure_text": safe_echo(measure.text, MEASURE_ECHOED),
        "link": chat.plan_url(plan),
    }


def _invalid(problem: str, edit: chat.Edit, language: str) -> chat.Message:
    if problem == "email":
        return ("utter_plan_invalid_email", {"value": safe_echo(edit.owner_email)})
    if problem == "date_past":
        return ("utter_plan_invalid_date_past", {"date": chat.day(edit.date, language)})
    if problem == "owner_name":
        return ("utter_plan_invalid_owner_name", {})
    if problem == "measure_text":
        return ("utter_plan_invalid_measure_text", {"limit": MAX_MEASURE_TEXT})
    return ("utter_plan_invalid_date_unreadable", {})


def plan_status(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    language = language_of(tracker)
    if not access.allowed(dispatcher, tracker, language):
        return []
    try:
        with records(dispatcher) as session:
            supplier = _supplier(dispatcher, turn, session)
            if supplier is None:
                return []
            plan = plans.get_plan(session, supplier.id)
            access.audit(session, tracker, "plan_status", supplier)
            if plan is None:
                dispatcher.utter_message(response="utter_plan_none", supplier=supplier.name)
            else:
                send(dispatcher, [chat.status_message(plan, supplier.name, language)])
            return focus_events(tracker, supplier.id, supplier.name)
    except RecordsUnavailable:
        return []


def overdue_plans(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    language = language_of(tracker)
    if not access.allowed(dispatcher, tracker, language):
        return []
    try:
        with records(dispatcher) as session:
            overdue = plans.overdue_plans(session)
            access.audit(session, tracker, "plans_overdue", subject=f"{len(overdue)} plans")
            if overdue:
                lines = chat.overdue_lines(overdue, language)
                dispatcher.utter_message(response="utter_plan_overdue", count=len(overdue), lines=lines)
            else:
                dispatcher.utter_message(response="utter_plan_overdue_none", plans=len(plans.all_plans(session)))
    except RecordsUnavailable:
        return []
    return []


def plans_missing(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Suppliers without a plan, where to act first on top (actions/advice/priority.py), with buttons to draft one."""
    language = language_of(tracker)
    if not access.allowed(dispatcher, tracker, language):
        return []
    try:
        with records(dispatcher) as session:
            missing = plans.suppliers_without_plan(session)
            if not missing:
                dispatcher.utter_message(response="utter_plans_missing_none")
                return []
            ranked = rank([SupplierFacts.of(s) for s in missing], limit=MISSING_SHOWN)
            access.audit(session, tracker, "plans_missing", subject=f"{len(missing)} suppliers")
            lines = "\n".join(_rank_line(place, p, language) for place, p in enumerate(ranked, start=1))
            first = [s for p in ranked[:3] for s in missing if s.id == p.facts.supplier_id]
            dispatcher.utter_message(
                response="utter_plans_missing",
                count=len(missing),
                total=repository.count_suppliers(session),
                lines=lines,
                buttons=supplier_buttons(as_candidates(first), language, MAKE_PLAN),
            )
    except RecordsUnavailable:
        return []
    return []
