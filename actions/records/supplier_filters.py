"""Questions over the whole supplier list: which suppliers a question picks out, and in which order.

`read_list_query` reads the filters and the order from a message ("which of our Chinese suppliers were never
audited?", "welke kledingleveranciers hebben geen certificaat?", "top 3 by spend"); `select` applies them to the
records. Countries and risks come from the NLU pipeline; sectors and products from the reference sector words
(actions/reference/data/sectors.csv), so "koffie", "coffee" and "kledingleveranciers" all work.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, replace
from typing import AbstractSet, Any, Iterable, List, Optional, Sequence, Tuple

from actions.language import fold
from actions.plans.validation import month_numbers, parse_date
from actions.reference import catalogue

# A question over several suppliers, not about one: "which of our Chinese suppliers", "welke leveranciers", "how
# many suppliers", "do we have suppliers in Peru", "which of those", "top 3 by spend".
LIST_CUE = re.compile(
    r"\b(which|welke|list( of)?|show( me)?|toon|how many|hoeveel|wat voor|name)\b(\s+[\w-]+){0,4}?\s+"
    r"(suppliers|leveranciers|ones)\b"
    r"|\b(do|have) we (have|got|use|work with) (any |other |more )?([\w-]+\s+){0,3}(suppliers|ones)\b"
    r"|\b(hebben|gebruiken) we (nog |ook |andere )?([\w-]+\s+){0,3}leveranciers\b|\b(are there|zijn er|zitten er)\b.{0,30}\b(suppliers|leveranciers)\b"
    r"|\bwhich (of them|of those|of these)\b|\bwelke (daarvan|van die|van deze)\b"
    r"|\btop \d|\b(by|op|naar) (spend|share|aandeel|uitgaven|omzet|risk|risico)\b"
    # "is one of our suppliers there?", "zit een van onze leveranciers daar?", "do we have a supplier in tiruppur?"
    r"|\b(any|one|een|geen) (of our|van onze|van jullie) (suppliers|leveranciers)\b"
    r"|\b(do|have) we (have|got) (a|any) supplier (in|there|based)\b|\bhebben we (een|nog een) leverancier (in|daar)\b"
)
SHARE_ABOVE = re.compile(
    r"\b(share|aandeel|revenue|omzet)\b.{0,30}?\b(above|over|more than|at least|higher than|boven|meer dan|minstens|"
    r"hoger dan)\s*(?:de |the )?(\d{1,2}(?:[.,]\d+)?)\s*(%|percent|procent)"
    r"|\b(above|over|more than|at least|boven|meer dan|minstens)\s*(?:de |the )?(\d{1,2}(?:[.,]\d+)?)\s*(%|percent|procent)"
    r"\s*(of|van)\s*(the |de |hun |their )?(revenue|turnover|omzet|business|sales)"
)
# "which one has a certification?", "en bij welke speelt vakbondsvrijheid?": among the suppliers just discussed
WHICH_HAS = re.compile(
    r"^\W*(?:and |en |so |dus )?(?:bij )?(?:which|welke)(?: one| ones| of them| daarvan| supplier| leverancier)?"
    r" (?:has|have|had|heeft|hebben|is|zijn|speelt|spelen|holds|was|were|werd)\b"
)
NEWEST = re.compile(r"\b(newest|nieuwste|most recent|recentste|latest|laatste)\b")
THOSE = re.compile(
    r"\b(of (them|those|these)|of the (top|first|last|bottom) (ones|\w+)|daarvan|van die|van deze|van hen|"
    r"among (them|those|these)|none of (them|those)|geen van (hen|die|deze)|welke daarvan)\b"
)
EVER_AUDITED = re.compile(
    r"\b(ever|ooit|already|al) (been |een )?(audit\w*|geaudit)|\b(with|met) (an? |een )?(recent )?audit\b"
    r"|\bhave (had )?(an? )?audits?\b|\bhas (had )?(an? )?audit\b"
)
TIER = re.compile(
    r"\btier[ -]?(\d)\b|\b(direct|directe) (suppliers|leveranciers)\b|\b(indirect|indirecte) (suppliers|leveranciers)\b"
)
ASCENDING = re.compile(r"\b(least|lowest|smallest|fewest|laagste|kleinste|minste|minst)\b")

NEVER_AUDITED = re.compile(
    r"\b(never|not yet|nooit|nog niet|nog nooit)\b.{0,25}\b(audit\w*|geaudit|gecontroleerd|inspected)"
    r"|\b(no|without|geen|zonder)\b (an? |any |een )?(audit|controle)\b(?! (before|since|voor|sinds))"
    r"|\bnot (been )?audited\b(?!.{0,20}\b(since|before|in)\b)|\bniet geaudit\b(?!.{0,20}\b(sinds|voor|in)\b)"
    r"|\bunaudited\b"
)
AUDIT_WORDS = re.compile(r"\b(audit\w*|geaudit|controle|inspect\w*)")
SINCE = re.compile(r"\b(since|sinds|before|voor|older than|ouder dan|prior to|until|tot)\b")
YEARS_AGO = re.compile(
    r"\b(?:more than|over|longer than|older than|meer dan|langer dan|ouder dan)\s+(\d{1,2}|one|two|three|een|twee|drie)"
    r"\s+(years?|jaar|months?|maanden)"
)
NUMBER_WORDS = {"one": 1, "een": 1, "two": 2, "twee": 2, "three": 3, "drie": 3}
MONTH_YEAR = re.compile(r"\b([a-z]+)\.?\s+(\d{4})\b")
YEAR = re.compile(r"\b(20\d\d)\b")

NO_CERTIFICATE = re.compile(
    r"\b(no|without|geen|zonder|lack\w*|missing|ontbreekt)\b (an? |any |een |enige |enkele |single )?"
    r"(certif\w*|keurmerk\w*|label\w*|scheme\w*)|\b(not|niet|un)[ -]?(certified|gecertificeerd)\b"
)
CERTIFICATE = re.compile(r"\b(certif\w*|keurmerk\w*|gecertificeerd)")
NO_PLAN = re.compile(
    r"\b(no|without|geen|zonder|missing|lack\w*)\b (an? |any |een )?(action ?plan|plan|actieplan)"
    r"|\b(action ?plan|plan|actieplan)\b.{0,15}\b(missing|ontbreekt)"
)
PLAN = re.compile(r"\b(action ?plan|plan|actieplan)s?\b")

ORDERS = (
    ("share", r"\b(share|aandeel|percent\w* of their|% of their|dependen\w*|afhankelijk\w*|leverage|invloed|omzet)\b"),
    (
        "severity",
        r"\b(most at risk|riskiest|most risk\w*|worst|most severe|ernstigst\w*|(biggest|highest|grootste|hoogste) (risk\w*|risico\w*)|"
        r"urgent\w*|meeste risico\w*)\b",
    ),
    ("spend", r"\b(spend\w*|uitgave\w*|inkoopwaarde|biggest|largest|grootste|most money|meeste geld|volume)\b"),
    ("audit", r"\b(oldest|oudste|newest|nieuwste|most recent|recentste|latest|laatste) audit"),
    ("years", r"\b(longest|langst\w*|oldest relationship|langste relatie)\b"),
)
TOP = re.compile(
    r"\b(?:top|first|eerste)\s+(\d{1,2}|three|five|drie|vijf|two|twee)\b"
    r"|\b(\d{1,2}|three|five|drie|vijf|two|twee)\s+(?:biggest|largest|grootste|most|meest|riskiest|suppliers|leveranciers)"
)
TOP_WORDS = {"two": 2, "twee": 2, "three": 3, "drie": 3, "five": 5, "vijf": 5}
# Scheme names are matched whole, or by their acronym ("bsci" -> amfori BSCI); "cotton" alone is a product.
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9.]{2,}\b")


@dataclass(frozen=True)
class ListQuery:
    countries: Tuple[str, ...] = ()
    sectors: Tuple[str, ...] = ()  # reference sector codes
    risks: Tuple[str, ...] = ()
    never_audited: bool = False
    audited_before: Optional[dt.date] = None  # no audit since this date (never audited counts)
    certified: Optional[bool] = None
    certification: str = ""  # a scheme named
    with_plan: Optional[bool] = None
    order: str = ""  # share, spend, years, severity
    limit: Optional[int] = None
    share_above: Optional[float] = None  # "a share above 25 %"
    ever_audited: bool = False
    tier: Optional[int] = None  # 1: direct suppliers; 2: indirect ones (tier 2 and deeper)
    ascending: bool = False  # "least leverage", "laagste aandeel"
    refines: bool = False  # "which of those …": among the suppliers just listed
    places: Tuple[str, ...] = ()  # cities as the records have them ("Tiruppur", "Sialkot")

    @property
    def filters(self) -> bool:
        return bool(
            self.countries
            or self.sectors
            or self.risks
            or self.never_audited
            or self.audited_before
            or self.certified is not None
            or self.certification
            or self.with_plan is not None
            or self.share_above is not None
            or self.ever_audited
            or self.tier is not None
            or bool(self.places)
        )

    @property
    def asked(self) -> bool:
        """Anything to filter or order by."""
        return self.filters or bool(self.order)


def asks_over_the_list(text: str) -> bool:
    return bool(LIST_CUE.search(_split_compounds(fold(text))))


def _split_compounds(folded: str) -> str:
    """ "kledingleveranciers" -> "kleding leveranciers", "koffieleverancier" -> "koffie leverancier"."""
    return re.sub(r"\b(\w{3,}?)(leveranciers?|suppliers?)\b", r"\1 \2", folded)


def _cutoff(folded: str, today: dt.date) -> Optional[dt.date]:
    """The date in "not audited since March 2024", "audit older than 2 years", "last audit before 2024"."""
    ago = YEARS_AGO.search(folded)
    if ago:
        count = int(ago[1]) if ago[1].isdigit() else NUMBER_WORDS[ago[1]]
        months = count * 12 if ago[2].startswith(("year", "jaar")) else count
        year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
        return dt.date(year, month + 1, min(today.day, 28))
    if not SINCE.search(folded):
        return None
    exact = parse_date(folded, today)
    if exact and YEAR.search(folded):
        return exact
    months = month_numbers()
    for name, year in MONTH_YEAR.findall(folded):
        if name in months:
            return dt.date(int(year), months[name], 1)
    year = YEAR.search(folded)
    return dt.date(int(year[1]), 1, 1) if year else None


def _order(folded: str) -> Tuple[str, Optional[int]]:
    order = next((name for name, words in ORDERS if re.search(words, folded)), "")
    top = TOP.search(folded)
    limit = None
    if top and order:
        count = top[1] or top[2]
        limit = int(count) if count.isdigit() else TOP_WORDS.get(count)
    return order, limit


def scheme_named(text: str, schemes: AbstractSet[str]) -> str:
    """A certification scheme of the records named in the text, whole or by its acronym."""
    folded = fold(text)
    for scheme in sorted(schemes, key=len, reverse=True):
        short = scheme.split(" (")[0].split(" / ")[0]  # "FSC (Forest Stewardship Council)" -> "FSC"
        if any(re.search(rf"\b{re.escape(fold(n))}\b", folded) for n in {scheme, short} if len(n) > 2):
            return scheme
        if any(re.search(rf"\b{re.escape(fold(a))}\b", folded) for a in ACRONYM.findall(scheme)):
            return scheme
    return ""


def read_list_query(
    text: str,
    countries: Sequence[str] = (),
    risks: Sequence[str] = (),
    schemes: AbstractSet[str] = frozenset(),
    today: Optional[dt.date] = None,
    places: Sequence[str] = (),
) -> ListQuery:
    folded = _split_compounds(fold(text))
    today = today or dt.date.today()
    typed_country = catalogue.country_in_text(text[:300])
    countries = tuple(dict.fromkeys([*countries, *([typed_country] if typed_country else [])]))
    never = bool(NEVER_AUDITED.search(folded)) or bool(re.search(r"\bnone of (them|those) (been )?audited", folded))
    tier_match = TIER.search(folded)
    tier = None
    if tier_match:
        tier = int(tier_match[1]) if tier_match[1] else (1 if tier_match[2] else 2)
    before = None if never or not AUDIT_WORDS.search(folded) else _cutoff(folded, today)
    certification = scheme_named(text, schemes)
    certified: Optional[bool] = None
    if NO_CERTIFICATE.search(folded):
        certified = False
    elif CERTIFICATE.search(folded) and not certification:
        certified = True
    with_plan: Optional[bool] = None
    if NO_PLAN.search(folded):
        with_plan = False
    elif PLAN.search(folded) and re.search(r"\b(with|have|has|hebben|heeft|met)\b", folded):
        with_plan = True
    order, limit = _order(folded)
    share = SHARE_ABOVE.search(folded)
    sectors = tuple(s for s in catalogue.sector_codes_in(folded) if s != "financial_services")
    if certification:  # "Better Cotton" is the scheme here, not the product
        sectors = tuple(s for s in sectors if s not in catalogue.sector_codes_in(certification))
    return ListQuery(
        countries=countries,
        sectors=sectors,
        risks=tuple(dict.fromkeys([*risks, *catalogue.risk_codes_in(text)])),
        never_audited=never,
        audited_before=before,
        certified=certified,
        certification=certification,
        with_plan=with_plan,
        order=order,
        limit=limit,
        share_above=float((share[3] or share[6]).replace(",", ".")) if share else None,
        ever_audited=not never and bool(EVER_AUDITED.search(folded)),
        tier=tier,
        ascending=bool(ASCENDING.search(folded)) or (order == "audit" and not NEWEST.search(folded)),
        refines=bool(THOSE.search(folded) or WHICH_HAS.search(folded)),
        places=tuple(places),
    )


def places_in(text: str, cities: Iterable[str]) -> Tuple[str, ...]:
    """The cities of the records that a text names as words ("sumangali in Tiruppur")."""
    folded = fold(text)
    return tuple(c for c in sorted(set(cities)) if c and re.search(rf"\b{re.escape(fold(c))}\b", folded))


def _sectors_of(supplier: Any) -> Tuple[str, ...]:
    return catalogue.sector_codes_in(f"{supplier.sector}; {supplier.products.replace(';', '; ')}")


def matches(query: ListQuery, supplier: Any, planned: AbstractSet[int]) -> bool:
    if query.countries and supplier.country_iso2 not in query.countries:
        return False
    if query.places and supplier.city not in query.places:
        return False
    if query.sectors and not set(query.sectors) & set(_sectors_of(supplier)):
        return False
    if query.risks and not set(query.risks) & set(supplier.risk_codes):
        return False
    audit = supplier.last_audit_date
    if query.never_audited and audit is not None:
        return False
    if query.audited_before and audit is not None and audit >= query.audited_before:
        return False
    if query.certified is not None and bool(supplier.certification_list) != query.certified:
        return False
    if query.certification and query.certification not in supplier.certification_list:
        return False
    if query.with_plan is not None and (supplier.id in planned) != query.with_plan:
        return False
    if query.ever_audited and audit is None:
        return False
    if (
        query.tier is not None
        and (supplier.tier or 1) != query.tier
        and not (query.tier == 2 and (supplier.tier or 1) > 2)
    ):
        return False
    share = supplier.share_of_supplier_revenue_pct
    return query.share_above is None or (share is not None and float(share) > query.share_above)


def select(
    query: ListQuery, suppliers: Sequence[Any], planned: AbstractSet[int], among: Sequence[int] = ()
) -> List[Any]:
    """The suppliers the query picks out, in its order (spend by default, highest first)."""
    found = [s for s in suppliers if matches(query, s, planned) and (not among or s.id in among)]

    def number(value: Any) -> float:
        return float(value) if value is not None else -1.0

    key = {
        "share": lambda s: number(s.share_of_supplier_revenue_pct),
        "years": lambda s: number(s.relationship_years),
        "audit": lambda s: float(s.last_audit_date.toordinal()) if s.last_audit_date else -1.0,
    }.get(query.order, lambda s: number(s.annual_spend_eur))
    if query.ascending:
        return sorted(found, key=lambda s: (key(s) if key(s) >= 0 else float("inf"), s.name))
    return sorted(found, key=lambda s: (-key(s), s.name))


_TUPLE_FIELDS = ("countries", "sectors", "risks", "places")  # kept as tuples; a follow-up replaces them


def merged(previous: ListQuery, follow_up: ListQuery) -> ListQuery:
    """ "and in Cuba?", "and the least?" after a list: the previous question with what the follow-up changes."""
    changes = {}
    for name in _TUPLE_FIELDS:
        if getattr(follow_up, name):
            changes[name] = getattr(follow_up, name)
    if follow_up.order:
        changes["order"] = follow_up.order
    if follow_up.ascending or follow_up.order:
        changes["ascending"] = follow_up.ascending
    return replace(previous, **changes, refines=False)


def as_slot(query: ListQuery) -> dict:
    values = asdict(query)
    values["audited_before"] = query.audited_before.isoformat() if query.audited_before else None
    return values


def from_slot(value: Any) -> Optional[ListQuery]:
    if not isinstance(value, dict):
        return None
    try:
        values = {k: v for k, v in value.items() if k in ListQuery.__dataclass_fields__}
        for name in _TUPLE_FIELDS:
            values[name] = tuple(values.get(name) or ())
        before = values.get("audited_before")
        values["audited_before"] = dt.date.fromisoformat(before) if before else None
        return ListQuery(**values)
    except (TypeError, ValueError):
        return None
