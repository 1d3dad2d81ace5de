"""Where to act first: suppliers ordered by the severity of their recorded risks, then by leverage.

The OECD guidance asks companies to address the most severe impacts first; severity
decides the order. Between suppliers with equally severe risks, the one where the
company has more leverage comes first, because there it can change the most soonest.
Spend breaks the remaining ties. The reason for each place is kept as data, so the
answer can say *why*.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, List, Optional, Sequence, Tuple

from actions.advice.advice import Leverage, Risk, assess_leverage, country_context, order_by_severity
from actions.reference import catalogue

NO_RISK_TIER = 9
LEVERAGE_ORDER = {"high": 0, "medium": 1, "low": 2, "unknown": 3}


@dataclass(frozen=True)
class SupplierFacts:
    """What the ranking needs of one supplier record."""

    supplier_id: int
    name: str
    country_iso2: str
    risk_codes: Tuple[str, ...]
    share_pct: Optional[Decimal]
    years: Optional[int]
    tier: Optional[int]
    spend_eur: Optional[Decimal]
    notes: str = ""  # the record's notes: they tell how severe a risk is in this case

    @classmethod
    def of(cls, supplier: Any) -> SupplierFacts:
        """The facts of a supplier record (actions/records/models.py)."""
        return cls(
            supplier.id,
            supplier.name,
            supplier.country_iso2,
            tuple(supplier.risk_codes),
            supplier.share_of_supplier_revenue_pct,
            supplier.relationship_years,
            supplier.tier,
            supplier.annual_spend_eur,
            supplier.notes or "",
        )


@dataclass(frozen=True)
class Priority:
    facts: SupplierFacts
    risks: Tuple[Risk, ...]  # most severe first
    leverage: Leverage

    @property
    def top_tier(self) -> int:
        return min((r.tier for r in self.risks), default=NO_RISK_TIER)

    @property
    def top_risk(self) -> Optional[Risk]:
        """The most severe risk (the first listed of those, irreversible harm first)."""
        return min(self.risks, key=lambda r: r.tier) if self.risks else None

    @property
    def severe_count(self) -> int:
        return sum(1 for r in self.risks if r.tier <= 2)

    def key(self) -> Tuple:
        return (
            self.top_tier,
            not any(r.irremediable for r in self.risks),
            -self.severe_count,
            -len(self.risks),
            LEVERAGE_ORDER[self.leverage.level],
            -(self.facts.spend_eur or 0),
            self.facts.name,
        )


def priority_of(facts: SupplierFacts) -> Priority:
    country = country_context(catalogue.country_by_code(facts.country_iso2))
    risks = tuple(order_by_severity(facts.risk_codes, facts.notes, country))
    return Priority(facts, risks, assess_leverage(facts.share_pct, facts.years, facts.tier))


def rank(suppliers: Sequence[SupplierFacts], limit: int = 5) -> List[Priority]:
    """The suppliers to act on first, most urgent first (suppliers without recorded risks last)."""
    return sorted((priority_of(f) for f in suppliers), key=Priority.key)[:limit]


@dataclass(frozen=True)
class Comparison:
    first: Priority
    second: Priority
    reason: str  # severity, more_severe_risks, more_risks, leverage, equal


def compare(a: SupplierFacts, b: SupplierFacts) -> Comparison:
    """Which of two suppliers to tackle first, and the deciding reason."""
    first, second = sorted((priority_of(a), priority_of(b)), key=Priority.key)
    if first.top_tier != second.top_tier:
        reason = "severity"
    elif first.severe_count != second.severe_count:
        reason = "more_severe_risks"
    elif len(first.risks) != len(second.risks):
        reason = "more_risks"
    elif first.leverage.level != second.leverage.level:
        reason = "leverage"
    else:
        reason = "equal"
    return Comparison(first, second, reason)
