"""Deciding what to advise about one supplier, or about a country/sector/risk.

Everything here is data: which risks in which order, how much leverage, which
country context, which schemes and agreement, which partners, whether
disengagement is in view, and the sources used. render.py turns it into text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Dict, List, Optional, Sequence, Set, Tuple

from sqlalchemy.orm import Session

from actions.records import repository
from actions.records.models import CertificationScheme, Country, Supplier
from actions.reference import catalogue

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


@dataclass(frozen=True)
class Scheme:
    name: str
    kind: str
    website: Optional[str]
    source_url: str
    risks: Tuple[str, ...]


@dataclass(frozen=True)
class Agreement:
    name_nl: str
    name_en: str
    status: str
    website: Optional[str]
    source_url: str


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


def order_by_severity(session: Session, codes: Sequence[str]) -> List[Risk]:
    """Most severe first (tier 1 = very severe); ties keep the recorded order."""
    known = repository.risk_types(session)
    risks = [Risk(c, known[c].name_en, known[c].name_nl, known[c].severity_tier) for c in codes if c in known]
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
    from actions.language import fold

    return {w.rstrip("s") for w in fold(text).replace(";", " ").replace(",", " ").split() if len(w) > 2}


def matching_schemes(session: Session, sector: str, risk_codes: Sequence[str], limit: int = 4) -> List[Scheme]:
    """Schemes that address at least one of the risks, sector-specific ones first."""
    wanted = set(risk_codes)
    sector_words = _sector_words(sector)
    ranked = []
    for scheme in repository.certification_schemes(session):
        if scheme.kind == "sector agreement":
            continue  # Dutch agreements are advised under leverage
        covered = wanted & set(filter(None, scheme.risks_addressed.split(";")))
        if wanted and not covered:
            continue
        sectors = [s.strip().lower() for s in scheme.sectors.split(";")]
        specific = any(_sector_words(s) & sector_words for s in sectors if s not in GENERIC_SECTORS)
        generic = any(s in GENERIC_SECTORS for s in sectors)
        if not (specific or generic):
            continue
        ranked.append((0 if specific else 1, -len(covered), scheme.name, scheme))
    ranked.sort(key=lambda item: item[:3])
    return [_scheme(item[3]) for item in ranked[:limit]]


def _scheme(scheme: CertificationScheme) -> Scheme:
    return Scheme(
        scheme.name,
        scheme.kind,
        scheme.website,
        scheme.source_url,
        tuple(filter(None, scheme.risks_addressed.split(";"))),
    )


def matching_agreement(session: Session, sector: str) -> Optional[Agreement]:
    words = _sector_words(sector)
    for row in catalogue.rows("sector_agreements_map.csv"):
        if _sector_words(row["sector_keyword"]) <= words or row["sector_keyword"] in sector.lower():
            agreement = repository.sector_agreement(session, row["agreement_name_nl"])
            if agreement:
                return Agreement(
                    agreement.name_nl,
                    agreement.name_en,
                    agreement.status or "",
                    agreement.website,
                    agreement.source_url,
                )
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


def _build(session: Session, country: Optional[Country], sector: str, risk_codes: Sequence[str]) -> Advice:
    context = country_context(country)
    risks = order_by_severity(session, risk_codes)
    schemes = matching_schemes(session, sector, [r.code for r in risks])
    advice = Advice(
        country=context,
        risks=risks,
        schemes=schemes,
        agreement=matching_agreement(session, sector),
        partners=partners_for([r.code for r in risks], context),
        initiatives=[s.name for s in schemes if s.kind == "multi-stakeholder initiative"],
        sector=sector,
    )
    return advice


def advise_supplier(session: Session, supplier: Supplier) -> Advice:
    sector_text = f"{supplier.sector};{supplier.products}"
    advice = _build(session, supplier.country, sector_text, supplier.risk_codes)
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
    }
    _collect_sources(advice)
    return advice


def advise_country(session: Session, iso2: Optional[str], sector: str = "", risk_codes: Sequence[str] = ()) -> Advice:
    country = repository.get_country(session, iso2) if iso2 else None
    advice = _build(session, country, sector, risk_codes)
    _collect_sources(advice)
    return advice


def sector_in_text(text: str) -> str:
    """The sector a message mentions ("cotton from Uzbekistan" -> "cotton"), or ""."""
    import re

    from actions.language import fold

    folded = fold(text or "")
    for row in sorted(catalogue.rows("sector_words.csv"), key=lambda r: -len(r["word"])):
        if re.search(rf"\b{re.escape(row['word'])}\b", folded):
            return row["sector"]
    return ""
