"""The overview for the CSR officer, as data: every supplier with its most severe risk, leverage,
country rating and plan status, in the order of where to act first (actions/advice/priority.py).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.advice.priority import Priority, SupplierFacts, priority_of
from actions.records import plan_repository
from actions.records.models import Supplier
from actions.reference import catalogue

PLAN_STATES = ("none", "open", "in_progress", "done", "overdue")
LEVERAGE_LEVELS = ("high", "medium", "low", "unknown")


@dataclass(frozen=True)
class Row:
    place: int
    supplier_id: int
    name: str
    country_iso2: str
    sector_codes: Tuple[str, ...]
    sector: str
    risk_codes: Tuple[str, ...]
    top_risk: str  # risk code, "" when none recorded
    top_tier: int  # 1..4, NO_RISK_TIER when none recorded
    leverage: str  # LEVERAGE_LEVELS
    country_rating: Optional[str]
    plan_state: str  # PLAN_STATES
    plan_done: int
    plan_active: int
    plan_key: str  # the plan page's share key, "" without a plan


@dataclass(frozen=True)
class Filters:
    country: str = ""
    sector: str = ""
    risk: str = ""

    def keep(self, row: Row) -> bool:
        return (
            (not self.country or row.country_iso2 == self.country)
            and (not self.sector or self.sector in row.sector_codes)
            and (not self.risk or self.risk in row.risk_codes)
        )


def _plan_state(plan, today: dt.date) -> Tuple[str, int, int]:
    if plan is None:
        return "none", 0, 0
    active = [m for m in plan.measures if m.status != "dropped"]
    done = sum(1 for m in active if m.status == "done")
    late = any(m.status in plan_repository.OPEN and m.deadline and m.deadline < today for m in active)
    if late or (plan.review_date and plan.review_date < today):
        state = "overdue"
    elif active and done == len(active):
        state = "done"
    elif any(m.status in ("in_progress", "done") for m in active):
        state = "in_progress"
    else:
        state = "open"
    return state, done, len(active)


def overview_rows(session: Session, filters: Filters = Filters(), today: Optional[dt.date] = None) -> List[Row]:
    today = today or dt.date.today()
    suppliers = list(session.execute(select(Supplier)).scalars())
    plans = {plan.supplier_id: plan for plan, _s in plan_repository.all_plans(session)}
    ranked: List[Tuple[Priority, Supplier]] = sorted(
        ((priority_of(SupplierFacts.of(s)), s) for s in suppliers), key=lambda pair: pair[0].key()
    )
    rows = []
    for place, (priority, s) in enumerate(ranked, start=1):
        country = catalogue.country_by_code(s.country_iso2)
        top = priority.top_risk
        state, done, active = _plan_state(plans.get(s.id), today)
        row = Row(
            place=place,
            supplier_id=s.id,
            name=s.name,
            country_iso2=s.country_iso2,
            sector_codes=tuple(catalogue.sector_codes_in(s.sector or "")),
            sector=s.sector or "",
            risk_codes=tuple(s.risk_codes),
            top_risk=top.code if top else "",
            top_tier=priority.top_tier,
            leverage=priority.leverage.level,
            country_rating=country.ituc_rating if country else None,
            plan_state=state,
            plan_done=done,
            plan_active=active,
            plan_key=plans[s.id].share_key if s.id in plans else "",
        )
        if filters.keep(row):
            rows.append(row)
    return rows


def severity_by_leverage(rows: Sequence[Row]) -> Dict[Tuple[int, str], int]:
    """How many suppliers in each (severity tier, leverage level) cell of the chart."""
    return dict(Counter((min(r.top_tier, 5), r.leverage) for r in rows))


def plans_by_state(rows: Sequence[Row]) -> Dict[str, int]:
    counts = Counter(r.plan_state for r in rows)
    return {state: counts.get(state, 0) for state in PLAN_STATES}


def filter_choices(session: Session) -> Dict[str, List[str]]:
    """The countries, sectors and risks that occur in the records (the filters offer only those)."""
    suppliers = list(session.execute(select(Supplier)).scalars())
    return {
        "country": sorted({s.country_iso2 for s in suppliers}),
        "sector": sorted({code for s in suppliers for code in catalogue.sector_codes_in(s.sector or "")}),
        "risk": sorted({code for s in suppliers for code in s.risk_codes}),
    }
