"""Deciding what to advise about one supplier, or about a country/sector/risk.

Everything here is data: which risks in which order, how much leverage, which
country context, which schemes and agreement, which partners, whether
disengagement is in view, and the sources used. render.py turns it into text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Dict, List, Optional, Sequence, Tuple

from actions.advice import severity
from actions.advice.severity import LABOUR_RISKS
from actions.language import fold
from actions.records.models import Supplier
from actions.reference import catalogue
from actions.reference.catalogue import Agreement, Country, Scheme

COMMUNITY_RISKS = {"land_rights", "indigenous_rights"}
ENVIRONMENT_RISKS = {"environment", "deforestation", "water", "climate", "animal_welfare"}
ANY_SECTOR = "*"


@dataclass(frozen=True)
class Risk:
    code: str
    name_en: str
    name_nl: str
    tier: int  # the severity in this case: 1 very severe .. 4 relevant (severity.py)
    irremediable: bool = False
    reasons: Tuple = ()  # why: (reason key, values) pairs, shown in one line


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
    rating_year: Optional[str]  # the ITUC edition that lists the country (also when it gives no rating)
    unions_prohibited: str
    union_source_url: Optional[str]

    @property
    def kind(self) -> str:
        if self.unions_prohibited == "yes":
            return "prohibited"
        if self.rating in ("5", "5+"):
            return "hardly"
        if self.rating:
            return "rated"
        if self.rating_year:
            return "not_rated"
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
    ended_agreements: List[Agreement]  # agreements for the sector that have ended: said so, never offered
    current_routes: List[Agreement]  # what runs now: successors, initiatives, the IMVO-steunpunt
    partners: List[str]
    initiatives: List[str]
    supplier: Optional[Dict[str, object]] = None
    leverage: Optional[Leverage] = None
    disengagement: Optional[str] = None  # severe_low, severe_high, moderate
    sector: str = ""  # as recorded or typed
    sector_codes: Tuple[str, ...] = ()  # the canonical sectors it names
    sources: List[Tuple[str, str, str]] = field(default_factory=list)  # (label key, name, url)


# Commodities grown by smallholder families: child labour there is met with community monitoring and remediation
# (CLMRS) and income, not with a factory's age checks and lists of home workers.
SMALLHOLDER_SECTORS = frozenset({"cocoa", "coffee", "tea", "tobacco"})


def measure_key(code: str, advice: Advice) -> str:
    """The wording key of a risk's measure here (`measures`, the plan's `first_steps`): unions are asked for only
    where they are allowed; child labour on smallholder farms has its own measure."""
    if code == "freedom_of_association" and advice.country is not None and advice.country.kind == "prohibited":
        return "freedom_of_association_prohibited"
    if code == "child_labour" and SMALLHOLDER_SECTORS & set(advice.sector_codes):
        return "child_labour_smallholders"
    return code


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
        country.union_source_url,
    )


def order_by_severity(
    codes: Sequence[str], notes: str = "", country: Optional[CountryContext] = None, recorded: bool = True
) -> List[Risk]:
    """Open issues before those the notes call fixed; irreversible harm first, then the most severe for this case
    (severity.py); ties keep the recorded order."""
    ranked = []
    for index, code in enumerate(dict.fromkeys(codes)):
        term = catalogue.risk_type(code)
        if term is None:
            continue
        found = severity.assess(
            term,
            notes,
            country.iso2 if country else "",
            country.rating if country else None,
            (country.rating_year or "") if country else "",
            bool(country and country.kind == "prohibited"),
            recorded,
        )
        risk = Risk(term.code, term.name_en, term.name_nl, found.level, found.irremediable, found.reasons)
        ranked.append(
            ((found.fixed, not found.irremediable, found.level, not found.likely, -found.points, index), risk)
        )
    return [risk for _key, risk in sorted(ranked, key=lambda pair: pair[0])]


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


def matching_schemes(
    sector_codes: Sequence[str], risk_codes: Sequence[str], limit: int = 4, held: Sequence[str] = ()
) -> List[Scheme]:
    """Schemes for the sector AND at least one of the risks, other than those the supplier
    already holds; sector-specific ones before those for any sector, then the ones covering
    more of the risks."""
    wanted, codes = set(risk_codes), set(sector_codes)
    held_names = [fold(name) for name in held if len(name) > 2]
    ranked = []
    for scheme in catalogue.schemes():
        covered = wanted & set(scheme.risks)
        if not scheme.risks or (wanted and not covered):
            continue
        if any(fold(scheme.name).startswith(name) for name in held_names):
            continue
        specific = bool(codes & set(scheme.sectors))
        if not (specific or ANY_SECTOR in scheme.sectors):
            continue
        ranked.append((0 if specific else 1, -len(covered), scheme.name, scheme))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked[:limit]]


SUPPORT_DESK = "IMVO-steunpunt (MVO Steunpunt) bij RVO"


def matching_agreements(sector_codes: Sequence[str]) -> Tuple[List[Agreement], List[Agreement]]:
    """(ended agreements for these sectors, what runs now): the running agreements and
    initiatives for the sectors and the successors of the ended ones; where an ended
    agreement leaves nothing running, the government's IMVO-steunpunt."""
    codes = set(sector_codes)
    matched = [a for a in catalogue.agreements() if codes & set(a.sectors)]
    ended = [a for a in matched if not a.running]
    current = [a for a in matched if a.running]
    for agreement in ended:
        successor = catalogue.agreement_named(agreement.successor or "")
        if successor and successor.running and successor not in current:
            current.append(successor)
    desk = catalogue.agreement_named(SUPPORT_DESK)
    if ended and not current and desk:
        current.append(desk)
    return ended, current


_AGREEMENT_WORDS = re.compile(r"(convenant|covenant|\bagreements?\b|sectorakkoord|sectorafspra|\birbc\b)")


def agreements_asked(text: str) -> Tuple[List[Agreement], List[Agreement]]:
    """(ended, current) for an agreement a question names by its sector ("is the textile covenant still
    running?", "bestaat het goudconvenant nog?"); ([], []) when it names none."""
    folded = fold(text or "")
    if not _AGREEMENT_WORDS.search(folded):
        return [], []
    return matching_agreements(catalogue.sector_codes_in(folded.replace("convenant", " convenant")))


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


def _first_url(source: Optional[str]) -> str:
    return (source or "").split(" ; ")[0].strip()


def _collect_sources(advice: Advice) -> None:
    """The official publication behind each fact shown (the rows keep where each was read)."""
    country = advice.country
    if country and country.rating_year:
        ituc = catalogue.link("ituc_gri")
        advice.sources.append(("ituc", f"{ituc.title_en} {country.rating_year}", ituc.url))
    if country and country.kind == "prohibited":
        advice.sources.append(("union_law", country.name_en, _first_url(country.union_source_url)))
    for agreement in [*advice.ended_agreements, *advice.current_routes]:
        if agreement.website:
            advice.sources.append(("agreement", agreement.name_nl, agreement.website))
    for scheme in advice.schemes:
        if scheme.website:
            advice.sources.append(("scheme", scheme.name, scheme.website))


def _build(
    country: Optional[Country],
    sector: str,
    risk_codes: Sequence[str],
    notes: str = "",
    recorded: bool = True,
    held: Sequence[str] = (),
) -> Advice:
    context = country_context(country)
    risks = order_by_severity(risk_codes, notes, context, recorded)
    codes = (sector,) if catalogue.sector(sector) else catalogue.sector_codes_in(sector)
    schemes = matching_schemes(codes, [r.code for r in risks], held=held)
    ended, current = matching_agreements(codes)
    return Advice(
        country=context,
        risks=risks,
        schemes=schemes,
        ended_agreements=ended,
        current_routes=current,
        partners=partners_for([r.code for r in risks], context),
        initiatives=[s.name for s in schemes if s.kind == "MSI"],
        sector=sector,
        sector_codes=codes,
    )


def advise_supplier(supplier: Supplier) -> Advice:
    sector_text = f"{supplier.sector}; {supplier.products}"
    advice = _build(
        catalogue.country_by_code(supplier.country_iso2),
        sector_text,
        supplier.risk_codes,
        supplier.notes or "",
        held=supplier.certification_list,
    )
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
    advice = _build(catalogue.country_by_code(iso2) if iso2 else None, sector, risk_codes, recorded=False)
    _collect_sources(advice)
    return advice


def sector_in_text(text: str) -> str:
    """The sector code a message mentions ("cotton from Uzbekistan" -> "cotton"), or ""."""
    codes = catalogue.sector_codes_in(text)
    return codes[0] if codes else ""
