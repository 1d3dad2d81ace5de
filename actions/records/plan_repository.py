"""Reading and changing action plans: one function per question or edit, a session passed in.

Every edit checks its input first (actions/plans/validation.py) and writes a line of
history with it; the caller's session_scope commits the whole edit or nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from actions.plans.draft import Draft
from actions.plans.validation import (
    valid_email,
    valid_future_date,
    valid_measure_text,
    valid_name,
    valid_status,
)
from actions.records.models import Supplier
from actions.records.plan_models import ActionPlan, PlanChange, PlanMeasure

OPEN = ("open", "in_progress")


class PlanExists(Exception):
    """The supplier already has a plan (one plan per supplier)."""


def get_plan(session: Session, supplier_id: int) -> Optional[ActionPlan]:
    query = (
        select(ActionPlan)
        .where(ActionPlan.supplier_id == supplier_id)
        .options(selectinload(ActionPlan.measures), selectinload(ActionPlan.changes))
    )
    return session.execute(query).scalar_one_or_none()


def all_plans(session: Session) -> List[Tuple[ActionPlan, Supplier]]:
    query = (
        select(ActionPlan, Supplier)
        .join(Supplier, Supplier.id == ActionPlan.supplier_id)
        .options(selectinload(ActionPlan.measures))
        .order_by(Supplier.name)
    )
    return [(plan, supplier) for plan, supplier in session.execute(query)]


def _log(
    session: Session, plan: ActionPlan, field: str, old: object, new: object, who: str, measure_id: Optional[int] = None
) -> None:
    session.add(
        PlanChange(
            plan_id=plan.id,
            measure_id=measure_id,
            changed_by=(who or "")[:200],
            field=field,
            old_value="" if old is None else str(old),
            new_value="" if new is None else str(new),
        )
    )


def create_plan(session: Session, draft: Draft, who: str = "") -> ActionPlan:
    if get_plan(session, draft.supplier_id) is not None:
        raise PlanExists(draft.supplier_id)
    plan = ActionPlan(supplier_id=draft.supplier_id, language=draft.language)
    session.add(plan)
    session.flush()
    for position, measure in enumerate(draft.measures, 1):
        session.add(
            PlanMeasure(
                plan_id=plan.id,
                position=position,
                kind=measure.kind,
                risk_code=measure.risk_code,
                text=measure.text,
                first_step=measure.first_step,
                deadline=measure.deadline,
                indicator=measure.indicator,
                partners=measure.partners,
                status="open",
            )
        )
    _log(session, plan, "created", "", len(draft.measures), who)
    session.flush()
    session.refresh(plan)
    return plan


def set_owner(
    session: Session, plan: ActionPlan, name: str, role: str = "", email: str = "", who: str = ""
) -> ActionPlan:
    """Names the owner. The name is required, the e-mail must be one when given; all checked before writing.
    Another person replaces the owner whole (their role and e-mail are not the previous owner's); the same person
    keeps what this message does not change."""
    name = valid_name(name)
    same = " ".join(name.lower().split()) == " ".join((plan.owner_name or "").lower().split())
    email = valid_email(email) if email else (plan.owner_email if same else "")
    role = " ".join((role or "").split())[:200] or (plan.owner_role if same else "")
    old = f"{plan.owner_name} | {plan.owner_role} | {plan.owner_email}"
    plan.owner_name, plan.owner_role, plan.owner_email = name, role, email
    _log(session, plan, "owner", old, f"{name} | {role} | {email}", who)
    session.flush()
    return plan


def set_review_date(
    session: Session, plan: ActionPlan, date: Optional[dt.date], who: str = "", today: Optional[dt.date] = None
) -> ActionPlan:
    date = valid_future_date(date, today)
    _log(session, plan, "review_date", plan.review_date, date, who)
    plan.review_date = date
    session.flush()
    return plan


def measure_for_risk(plan: ActionPlan, risk_code: str) -> Optional[PlanMeasure]:
    return next((m for m in plan.measures if m.risk_code == risk_code), None)


def measure_at(plan: ActionPlan, position: int) -> Optional[PlanMeasure]:
    return next((m for m in plan.measures if m.position == position), None)


def set_status(session: Session, plan: ActionPlan, measure: PlanMeasure, status: str, who: str = "") -> PlanMeasure:
    status = valid_status(status)
    if measure.status != status:
        _log(session, plan, "status", measure.status, status, who, measure.id)
        measure.status = status
        session.flush()
    return measure


def set_deadline(
    session: Session,
    plan: ActionPlan,
    measure: PlanMeasure,
    date: Optional[dt.date],
    who: str = "",
    today: Optional[dt.date] = None,
) -> PlanMeasure:
    date = valid_future_date(date, today)
    _log(session, plan, "deadline", measure.deadline, date, who, measure.id)
    measure.deadline = date
    session.flush()
    return measure


def reword(session: Session, plan: ActionPlan, measure: PlanMeasure, text: str, who: str = "") -> PlanMeasure:
    text = valid_measure_text(text)
    _log(session, plan, "text", measure.text, text, who, measure.id)
    measure.text = text
    session.flush()
    return measure


def add_measure(
    session: Session,
    plan: ActionPlan,
    text: str,
    deadline: Optional[dt.date] = None,
    who: str = "",
    today: Optional[dt.date] = None,
) -> PlanMeasure:
    text = valid_measure_text(text)
    if deadline is not None:
        deadline = valid_future_date(deadline, today)
    position = max((m.position for m in plan.measures), default=0) + 1
    measure = PlanMeasure(plan_id=plan.id, position=position, kind="custom", text=text, deadline=deadline)
    session.add(measure)
    session.flush()
    _log(session, plan, "added", "", text, who, measure.id)
    session.flush()
    session.refresh(plan)
    return measure


@dataclass(frozen=True)
class Overdue:
    plan: ActionPlan
    supplier: Supplier
    measures: Tuple[PlanMeasure, ...]  # open or in progress, past their deadline
    review_passed: bool


def overdue_plans(session: Session, today: Optional[dt.date] = None) -> List[Overdue]:
    """Plans with a measure still open past its deadline, or a review date that has passed."""
    today = today or dt.date.today()
    found = []
    for plan, supplier in all_plans(session):
        late = tuple(m for m in plan.measures if m.status in OPEN and m.deadline is not None and m.deadline < today)
        review_passed = plan.review_date is not None and plan.review_date < today
        if late or review_passed:
            found.append(Overdue(plan, supplier, late, review_passed))
    return found


def suppliers_without_plan(session: Session, limit: Optional[int] = None) -> List[Supplier]:
    planned = select(ActionPlan.supplier_id)
    query = select(Supplier).where(Supplier.id.not_in(planned)).order_by(Supplier.name)
    if limit:
        query = query.limit(limit)
    return list(session.execute(query).scalars())


def plan_status_by_supplier(session: Session) -> dict:
    """supplier id -> (measures done, measures not dropped), for every supplier with a plan."""
    counts = {}
    for plan, _supplier in all_plans(session):
        active = [m for m in plan.measures if m.status != "dropped"]
        counts[plan.supplier_id] = (sum(1 for m in active if m.status == "done"), len(active))
    return counts


def status_counts(plans: Sequence[ActionPlan]) -> dict:
    counts = {status: 0 for status in ("open", "in_progress", "done", "dropped")}
    for plan in plans:
        for measure in plan.measures:
            counts[measure.status] = counts.get(measure.status, 0) + 1
    return counts
