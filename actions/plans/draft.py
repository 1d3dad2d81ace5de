"""Drafting an action plan for one supplier from its advice (data, in the user's language).

One measure per known risk, most severe first (the advice's order), each with the
advice's measure, a first step, a deadline by severity, an indicator and the partners
to involve; then a step on leverage; then, where the advice sees ending the
relationship in view (severe risks), the condition for suspension or exit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import List, Optional

from actions.advice import wording as advice_wording
from actions.advice.advice import Advice, advise_supplier, measure_key, partners_for
from actions.language import language_code, pick
from actions.plans.wording import say
from actions.records.models import Supplier

# The more severe, the sooner the first results are due (severity tier 1..4 -> days from today).
DAYS_BY_TIER = {1: 30, 2: 60, 3: 90, 4: 180}
LEVERAGE_DAYS = 60
EXIT_DAYS_AFTER_LAST = 90  # the decision on suspension comes after the risk measures were due


@dataclass(frozen=True)
class DraftMeasure:
    kind: str  # risk, leverage, exit (records/plan_models.py KINDS)
    risk_code: str
    text: str
    first_step: str
    deadline: dt.date
    indicator: str
    partners: str


@dataclass(frozen=True)
class Draft:
    supplier_id: int
    supplier_name: str
    language: str
    measures: List[DraftMeasure]


def _partners(code: str, advice: Advice, language: str) -> str:
    keys = partners_for([code], advice.country)
    names = [advice_wording.say(language, "partners", key) for key in keys] or [say(language, "partners_other")]
    if advice.initiatives:
        names.append(advice_wording.say(language, "partners", "initiatives", names=", ".join(advice.initiatives[:2])))
    return "; ".join(names)


def draft_from_advice(advice: Advice, language: str, today: Optional[dt.date] = None) -> Draft:
    language = language_code(language)
    today = today or dt.date.today()
    supplier = advice.supplier or {}
    measures: List[DraftMeasure] = []
    for risk in advice.risks:
        key = measure_key(risk.code, advice)
        measures.append(
            DraftMeasure(
                kind="risk",
                risk_code=risk.code,
                text=say(
                    language,
                    "measure_text",
                    name=pick(language, risk.name_nl, risk.name_en).capitalize(),
                    measure=advice_wording.say(language, "measures", key),
                ),
                first_step=say(language, "first_steps", key),
                deadline=today + dt.timedelta(days=DAYS_BY_TIER.get(risk.tier, DAYS_BY_TIER[4])),
                indicator=say(language, "indicators", key),
                partners=_partners(risk.code, advice, language),
            )
        )
    level = advice.leverage.level if advice.leverage else "unknown"
    measures.append(
        DraftMeasure(
            kind="leverage",
            risk_code="",
            text=say(language, "leverage", level, "text"),
            first_step=say(language, "leverage", level, "first_step"),
            deadline=today + dt.timedelta(days=LEVERAGE_DAYS),
            indicator=say(language, "leverage", level, "indicator"),
            partners=say(language, "partners_other"),
        )
    )
    severe = [r for r in advice.risks if r.tier <= 2]
    if severe and advice.disengagement in ("severe_low", "severe_high"):
        names = ", ".join(pick(language, r.name_nl, r.name_en) for r in severe)
        last = max(m.deadline for m in measures if m.kind == "risk")
        measures.append(
            DraftMeasure(
                kind="exit",
                risk_code="",
                text=say(language, "exit", advice.disengagement, "text", risks=names),
                first_step=say(language, "exit", advice.disengagement, "first_step"),
                deadline=last + dt.timedelta(days=EXIT_DAYS_AFTER_LAST),
                indicator=say(language, "exit", "indicator"),
                partners="",
            )
        )
    return Draft(int(supplier.get("id") or 0), str(supplier.get("name") or ""), language, measures)


def draft_plan(supplier: Supplier, language: str, today: Optional[dt.date] = None) -> Draft:
    """The draft plan for a supplier record."""
    return draft_from_advice(advise_supplier(supplier), language, today)
