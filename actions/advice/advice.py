"""Deciding what to advise about one supplier, or about a country/sector/risk.

Everything here is data: which risks in which order, how much leverage, which
country context, which schemes and agreement, which partners, whether
disengagement is in view, and the sources used. render.py turns it into text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Dict, List, Optional, Sequence, Set, Tuple

from actions.language import fold
from actions.records.models import Supplier
from actions.reference import catalogue
from actions.reference.catalogue import Agreement, Country, Scheme

LABOUR_RISKS = {
    "forced_labour",
    "child_labour",
    "freedom_of_association",
    "living_wage",
    "working_hours",
    "health_safety",
    "discrimination",
}
COMMUNITY_RISKS = {"land_rights", "indigenous_rights"}
ENVIRONMENT_RISKS = {"environment", "deforestation", "water", "climate", "animal_welfare"}
GENERIC_SECTORS = {"all sectors", "multi-sector", "consumer goods", "retail"}


@dataclass(frozen=True)
class Risk:
    code: str
    name_en: str
    name_nl: str
    tier: int


@dataclass(frozen=True)
class Leverage:
    level: str  # high, medium, low, unknown
    share_pct: Optional[Decimal]
    years: Optional[int]
    tier: Optional[int]


@dataclass(frozen=True)
class CountryContext:
    iso2: str
    name_en: str
    name_nl: str
    rating: Optional[str]
    rating_year: Optional[str]
    unions_prohibited: str
    source_url: str

    @property
    def kind(self) -> str:
        if self.unions_prohibited == "yes":
            return "prohibited"
        if self.rating in ("5", "5+"):
            return "hardly"
        if self.rating:
            return "rated"
        return "unknown"

    @property
    def workers_restricted(self) -> bool:
        return self.kind in ("prohibited", "hardly")


@dataclass
class Advice:
    """Advice for a supplier (supplier set) or for a country/sector/risk (supplier None)."""

    country: Optional[CountryContext]
    risks: List[Risk]
    schemes: List[Scheme]
    agreement: Optional[Agreement]
    partners: List[str]
    initiatives: List[str]
    supplier: Optional[Dict[str, object]] = None
    leverage: Optional[Leverage] = None
    disengagement: Optional[str] = None  # severe_low, severe_high, moderate
    sector: str = ""
    sources: List[Tuple[str, str, str]] = field(default_factory=list)  # (label key, name, url)


def country_context(country: Optional[Country]) -> Optional[CountryContext]:
    if country is None:
        return None
    return CountryContext(
        country.iso2,
        country.name_en,
        country.name_nl,
        country.ituc_rating,
        country.ituc_year,
        country.unions_prohibited,
        country.source_url,
    )


def order_by_severity(codes: Sequence[str]) -> List[Risk]:
    """Most severe first (tier 1 = very severe); ties keep the recorded order."""
    known = [catalogue.risk_type(c) for c in codes]
    risks = [Risk(t.code, t.name_en, t.name_nl, t.severity_tier) for t in known if t is not None]
    return sorted(risks, key=lambda r: r.tier)


def assess_leverage(share_pct: Optional[Decimal], years: Optional[int], tier: Optional[int]) -> Leverage:
    """A first judgement of leverage from purchases as a share of the supplier's
    turnover (>= 25% high, >= 10% medium), one step up for a relationship of
    5+ years, one step down for an indirect (tier 2+) supplier."""
    if share_pct is None:
        return Leverage("unknown", None, years, tier)
    steps = ["low", "medium", "high"]
    level = 2 if share_pct >= 25 else 1 if share_pct >= 10 else 0
    if years is not None and years >= 5:
        level += 1
    if tier is not None and tier >= 2:
        level -= 1
    return Leverage(steps[max(0, min(2, level))], share_pct, years, tier)


def _sector_words(text: str) -> Set[str]:
    return {w.rstrip("s") for w in fold(text).replace(";", " ").replace(",", " ").split() if len(w) > 2}


def matching_schemes(sector: str, risk_codes: Sequence[str], limit: int = 4) -> List[Scheme]:
    """Schemes that address at least one of the risks, sector-specific ones first."""
    wanted = set(risk_codes)
    sector_words = _sector_words(sector)
    ranked = []
    for scheme in catalogue.schemes():
        if scheme.kind == "sector agreement":
            continue  # Dutch agreements are advised under leverage
        covered = wanted & set(scheme.risks)
        if wanted and not covered:
            continue
        specific = any(_sector_words(s) & sector_words for s in scheme.sectors if s not in GENERIC_SECTORS)
        generic = any(s in GENERIC_SECTORS for s in scheme.sectors)
        if not (specific or generic):
            continue
        ranked.append((0 if specific else 1, -len(covered), scheme.name, scheme))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked[:limit]]


def matching_agreement(sector: str) -> Optional[Agreement]:
    words = _sector_words(sector)
    for keyword, name_nl in catalogue.sector_agreement_keywords():
        if _sector_words(keyword) <= words or keyword in sector.lower():
            agreement = catalogue.agreement_named(name_nl)
            if agreement:
                return agreement
    return None


def partners_for(risk_codes: Sequence[str], country: Optional[CountryContext]) -> List[str]:
    codes = set(risk_codes)
    partners = []
    if codes & LABOUR_RISKS or not codes:
        partners.append("labour_restricted" if country and country.kind == "prohibited" else "labour")
    if codes & COMMUNITY_RISKS:
        partners.append("community")
    if codes & ENVIRONMENT_RISKS:
        partners.append("environment")
    return partners


def disengagement_for(risks: Sequence[Risk], leverage: Leverage) -> str:
    severe = any(r.tier <= 2 for r in risks)
    if not severe:
        return "moderate"
    return "severe_high" if leverage.level == "high" else "severe_low"


def _first_url(source: str) -> str:
    return source.split(" ; ")[0].strip()


def _collect_sources(advice: Advice) -> None:
    if advice.country and advice.country.source_url != catalogue.CLDR_SOURCE_URL:
        advice.sources.append(("country", advice.country.name_en, _first_url(advice.country.source_url)))
    if advice.agreement:
        advice.sources.append(("agreement", advice.agreement.name_nl, _first_url(advice.agreement.source_url)))
    for scheme in advice.schemes:
        advice.sources.append(("scheme", scheme.name, _first_url(scheme.source_url)))


def _build(country: Optional[Country], sector: str, risk_codes: Sequence[str]) -> Advice:
    context = country_context(country)
    risks = order_by_severity(risk_codes)
    schemes = matching_schemes(sector, [r.code for r in risks])
    return Advice(
        country=context,
        risks=risks,
        schemes=schemes,
        agreement=matching_agreement(sector),
        partners=partners_for([r.code for r in risks], context),
        initiatives=[s.name for s in schemes if s.kind == "multi-stakeholder initiative"],
        sector=sector,
    )


def advise_supplier(supplier: Supplier) -> Advice:
    sector_text = f"{supplier.sector};{supplier.products}"
    advice = _build(catalogue.country_by_code(supplier.country_iso2), sector_text, supplier.risk_codes)
    advice.leverage = assess_leverage(
        supplier.share_of_supplier_revenue_pct, supplier.relationship_years, supplier.tier
    )
    advice.disengagement = disengagement_for(advice.risks, advice.leverage)
    advice.supplier = {
        "id": supplier.id,
        "name": supplier.name,
        "city": supplier.city,
        "sector": supplier.sector,
        "products": supplier.products,
        "last_audit_date": supplier.last_audit_date,
        "certifications": supplier.certification_list,
        "notes": supplier.notes,
        "annual_spend_eur": supplier.annual_spend_eur,
        "share_pct": supplier.share_of_supplier_revenue_pct,
    }
    _collect_sources(advice)
    return advice


def advise_country(iso2: Optional[str], sector: str = "", risk_codes: Sequence[str] = ()) -> Advice:
    advice = _build(catalogue.country_by_code(iso2) if iso2 else None, sector, risk_codes)
    _collect_sources(advice)
    return advice


def sector_in_text(text: str) -> str:
    """The sector a message mentions ("cotton from Uzbekistan" -> "cotton"), or ""."""
    folded = fold(text or "")
    for word, sector in catalogue.sector_words():
        if re.search(rf"\b{re.escape(word)}\b", folded):
            return sector
    return ""
