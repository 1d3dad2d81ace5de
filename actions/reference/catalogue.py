"""The sourced reference facts: the one place they are read, once per process.

Countries (names, ITUC Global Rights Index 2025 rating, where independent unions
are prohibited by law), risk types, funding types, sectors, National Contact
Points, certification schemes, Dutch IRBC agreements (with dates and status),
official links and government contacts come from the CSV files in
actions/reference/data, each row with the URL where it was read and its
source_kind (official, secondary, unverified; docs/sources/README.md). They are read on first use and kept in memory; no request
reads a file or the database for them. The database holds the company's own
records only (actions/records).

Country names in Dutch and English come from the Unicode CLDR data that ships
with Babel, plus a short list of everyday aliases ("Turkey", "Ivory Coast",
"Holland"); nothing here is typed in by hand twice.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from actions.language import fold, pick

DATA_DIR = Path(__file__).resolve().parent / "data"
CLDR_SOURCE_URL = "https://cldr.unicode.org/ (via the Babel package)"

# CLDR territory codes that are not countries.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


@dataclass(frozen=True)
class Country:
    iso2: str
    name_en: str
    name_nl: str
    aliases: Tuple[str, ...] = field(default=())
    # ITUC Global Rights Index: "1".."5", "5+"; None where the edition rates no value
    ituc_rating: Optional[str] = None
    ituc_year: Optional[str] = None  # the edition; set also for "listed but not rated"
    ituc_source_url: Optional[str] = None
    unions_prohibited: str = "unknown"  # "yes" (as sourced) or "unknown"
    union_notes: Optional[str] = None
    union_source_url: Optional[str] = None

    @property
    def source_url(self) -> str:
        sources = [s for s in (self.ituc_source_url, self.union_source_url) if s]
        return " ; ".join(sources) or CLDR_SOURCE_URL

    def name(self, language: str) -> str:
        return pick(language, self.name_nl, self.name_en)

    @property
    def all_names(self) -> Tuple[str, ...]:
        return (self.name_en, self.name_nl) + self.aliases


@dataclass(frozen=True)
class Term:
    """A risk type or funding type: a code with names and synonyms per language."""

    code: str
    name_en: str
    name_nl: str
    synonyms: Tuple[str, ...]
    severity_tier: Optional[int] = None
    irremediable: str = "no"  # yes, no, or when_grave (when the record reports death or serious injury)
    source_url: str = ""

    def name(self, language: str) -> str:
        return pick(language, self.name_nl, self.name_en)

    @property
    def all_names(self) -> Tuple[str, ...]:
        return (self.name_en, self.name_nl, self.code, self.code.replace("_", " ")) + self.synonyms


@dataclass(frozen=True)
class Ncp:
    """A National Contact Point of an adherent to the OECD Guidelines; fields None where not seen."""

    country_iso2: str
    name: Optional[str]
    website: Optional[str]
    email: Optional[str]
    notes: Optional[str]
    source_url: str
    source_kind: str

    @property
    def verified(self) -> bool:
        """Name and contact may be stated as fact (rows marked unverified may not)."""
        return self.source_kind != "unverified"


@dataclass(frozen=True)
class Scheme:
    """A certification scheme, standard, audit programme or initiative.

    website is the scheme's own site where it was seen (None otherwise); sectors
    (sector codes, "*" for any sector) and risks are the project's reading of the
    scheme's "covers" column (scheme_scope.csv); a scheme without them is never offered."""

    name: str
    kind: str
    covers: str
    website: Optional[str]
    source_url: str
    source_kind: str
    sectors: Tuple[str, ...] = ()
    risks: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Agreement:
    """A Dutch IRBC sector agreement (IMVO-convenant), or a current initiative (DISCO, Fair Wear,
    the IMVO-steunpunt): dates as read ("2021-12-31", "2022-06 (…)", or None), status running/ended/successor."""

    name_nl: str
    name_en: str
    sector: str
    signed: Optional[str]
    ended: Optional[str]
    status: str
    website: Optional[str]
    source_url: str
    source_kind: str
    sectors: Tuple[str, ...] = ()  # sector codes (agreement_scope.csv), "*" for all sectors
    successor: Optional[str] = None  # name_nl of the agreement that continues it

    def name(self, language: str) -> str:
        return pick(language, self.name_nl, self.name_en)

    @property
    def running(self) -> bool:
        """Open to join now; an ended agreement (also one with a successor) is history."""
        return self.status == "running"


@dataclass(frozen=True)
class Sector:
    """A sector of the canonical list: supplier records, schemes and agreements share its codes."""

    code: str
    name_en: str
    name_nl: str
    words: Tuple[str, ...]

    def name(self, language: str) -> str:
        return pick(language, self.name_nl, self.name_en)


@dataclass(frozen=True)
class Link:
    """An official publication or directory shown to users (links.csv), with its edition where it has one."""

    key: str
    title_en: str
    title_nl: str
    edition: Optional[str]
    url: str
    source_url: str
    source_kind: str

    def title(self, language: str) -> str:
        return pick(language, self.title_nl, self.title_en)


@dataclass(frozen=True)
class GovernmentContact:
    """A government body to contact when government money is involved."""

    key: str
    applies_to: str  # a funding code, or "any"
    name_en: str
    name_nl: str
    website: Optional[str]
    source_url: str

    def name(self, language: str) -> str:
        return pick(language, self.name_nl, self.name_en)


def _read_csv(name: str) -> Iterator[Dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _blank_to_none(value: Optional[str]) -> Optional[str]:
    value = (value or "").strip()
    return value or None


def _split(value: str) -> Tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def _clean_cldr_name(name: str) -> str:
    # "Myanmar (Burma)" -> "Myanmar"; "Congo - Kinshasa" stays, aliases cover it
    return re.sub(r"\s*\(.*?\)\s*", " ", name).replace("’", "'").strip()


@lru_cache(maxsize=1)
def countries() -> Tuple[Country, ...]:
    from babel import Locale

    english = Locale("en").territories
    dutch = Locale("nl").territories
    ratings = {row["country_iso2"]: row for row in _read_csv("ituc_2025.csv")}
    unions = {row["country_iso2"]: row for row in _read_csv("union_prohibitions.csv")}
    aliases: Dict[str, List[str]] = {}
    for row in _read_csv("country_aliases.csv"):
        aliases.setdefault(row["country_iso2"], []).append(row["alias"])
    result = []
    for code in sorted(english):
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES or code not in dutch:
            continue
        extra = [_clean_cldr_name(english[code]), _clean_cldr_name(dutch[code])] + aliases.get(code, [])
        names = {english[code], dutch[code]}
        union = unions.get(code, {})
        rating = ratings.get(code, {})
        result.append(
            Country(
                iso2=code,
                name_en=_clean_cldr_name(english[code]) if "(" in english[code] else english[code].replace("’", "'"),
                name_nl=_clean_cldr_name(dutch[code]) if "(" in dutch[code] else dutch[code].replace("’", "'"),
                aliases=tuple(dict.fromkeys(a for a in extra if a not in names)),
                ituc_rating=_blank_to_none(rating.get("ituc_rating")),
                ituc_year=_blank_to_none(rating.get("index_year")),
                ituc_source_url=_blank_to_none(rating.get("source_url")),
                unions_prohibited=(union.get("independent_unions_prohibited_by_law") or "unknown").strip(),
                union_notes=_blank_to_none(union.get("notes")),
                union_source_url=_blank_to_none(union.get("source_url")),
            )
        )
    return tuple(result)


def _terms(file_name: str) -> Tuple[Term, ...]:
    result = []
    for row in _read_csv(file_name):
        synonyms = [s for key in ("synonyms_en", "synonyms_nl") for s in row[key].split(";") if s.strip()]
        tier = row.get("severity_tier")
        result.append(
            Term(
                code=row["code"],
                name_en=row["name_en"],
                name_nl=row["name_nl"],
                synonyms=tuple(s.strip() for s in synonyms),
                severity_tier=int(tier) if tier else None,
                irremediable=(row.get("irremediable") or "no").strip(),
                source_url=(row.get("source_url") or "").strip(),
            )
        )
    return tuple(result)


@lru_cache(maxsize=1)
def risk_types() -> Tuple[Term, ...]:
    return _terms("risk_types.csv")


@lru_cache(maxsize=1)
def funding_types() -> Tuple[Term, ...]:
    return _terms("funding_types.csv")


def _index(items) -> Dict[str, str]:
    """Folded name -> code; a name that two codes share is left out."""
    index: Dict[str, str] = {}
    clashes = set()
    for item in items:
        code = getattr(item, "iso2", None) or item.code
        for name in item.all_names:
            key = fold(name).strip()
            if key in index and index[key] != code:
                clashes.add(key)
            index[key] = code
    for key in clashes:
        index.pop(key, None)
    return index


@lru_cache(maxsize=1)
def country_index() -> Dict[str, str]:
    index = _index(countries())
    for country in countries():
        index[fold(country.iso2)] = country.iso2
    return index


@lru_cache(maxsize=1)
def risk_index() -> Dict[str, str]:
    return _index(risk_types())


@lru_cache(maxsize=1)
def funding_index() -> Dict[str, str]:
    return _index(funding_types())


def country_code(text: Optional[str]) -> Optional[str]:
    """ISO alpha-2 code for a code or an English/Dutch country name."""
    if not text:
        return None
    return country_index().get(fold(text).strip())


def country_in_text(text: Optional[str]) -> Optional[str]:
    """An ISO code for a country typed anywhere in a text: a name, code or adjective ("Vietnam", "in vietnam",
    "VN", "het Turkse NCP"), the longest name found."""
    text = (text or "").strip()
    code = country_code(text)
    if code:
        return code
    folded = fold(text)
    if re.search(r"\b(dutch|nederlands|nederlandse|holland)\b", folded):
        return "NL"
    best = None
    for name, iso2 in country_index().items():
        longer = best is None or len(name) > len(best[0])
        if len(name) > 3 and longer and re.search(rf"\b{re.escape(name)}\b", folded):
            best = (name, iso2)
    return best[1] if best else None


def countries_in_text(text: Optional[str]) -> Tuple[str, ...]:
    """Every country a text names by name or adjective, in the order they come ("ghana vs ivory coast")."""
    folded = fold(text or "")
    found = []
    for name, iso2 in country_index().items():
        hit = re.search(rf"\b{re.escape(name)}\b", folded) if len(name) > 3 else None
        if hit:
            found.append((hit.start(), -len(name), iso2))
    if not found:  # a code ("VN") or "Dutch": the one country_in_text reads
        single = country_in_text(text)
        return (single,) if single else ()
    return tuple(dict.fromkeys(iso2 for _start, _length, iso2 in sorted(found)))


def risk_codes_in(text: str) -> List[str]:
    """Risk codes named in a message ("overtime" -> working_hours), longest names first; also the first part of a
    compound ("waterrisico", "kinderarbeidrisico")."""
    folded = fold(text)
    found: List[str] = []
    for name, code in sorted(risk_index().items(), key=lambda item: -len(item[0])):
        if len(name) > 3 and re.search(rf"\b{re.escape(fold(name))}", folded) and code not in found:
            found.append(code)
    return found


def risk_code(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    return risk_index().get(fold(text).strip())


def funding_code(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    return funding_index().get(fold(text).strip())


@lru_cache(maxsize=1)
def _countries_by_code() -> Dict[str, Country]:
    return {c.iso2: c for c in countries()}


def country_by_code(code: str) -> Optional[Country]:
    return _countries_by_code().get(code)


def country_name(code: str, language: str) -> str:
    """The country's name in nl or en; the code itself when it is not a country."""
    country = country_by_code(code)
    return country.name(language) if country else code


@lru_cache(maxsize=1)
def _risks_by_code() -> Dict[str, Term]:
    return {t.code: t for t in risk_types()}


def risk_type(code: str) -> Optional[Term]:
    return _risks_by_code().get(code)


@lru_cache(maxsize=1)
def _ncps() -> Dict[str, Ncp]:
    return {
        row["country_iso2"]: Ncp(
            country_iso2=row["country_iso2"],
            name=_blank_to_none(row["ncp_name"]),
            website=_blank_to_none(row["website"]),
            email=_blank_to_none(row["email"]),
            notes=_blank_to_none(row["notes"]),
            source_url=row["source_url"].strip(),
            source_kind=row["source_kind"].strip(),
        )
        for row in _read_csv("ncp_contacts.csv")
    }


def ncps() -> Tuple[Ncp, ...]:
    return tuple(_ncps().values())


def ncp_for(iso2: str) -> Optional[Ncp]:
    """The country's NCP, or None when the reference data has no row for it (which does not
    mean the country has none: the OECD counts more adherents than the list read)."""
    return _ncps().get(iso2)


@lru_cache(maxsize=1)
def schemes() -> Tuple[Scheme, ...]:
    scope = {row["scheme"].strip(): row for row in _read_csv("scheme_scope.csv")}
    rows = []
    for row in _read_csv("schemes_official.csv"):
        name = row["scheme"].strip()
        fit = scope.get(name, {})
        rows.append(
            Scheme(
                name=name,
                kind=row["kind"].strip(),
                covers=row["covers"].strip(),
                website=_blank_to_none(row["official_website"]),
                source_url=row["source_url"].strip(),
                source_kind=row["source_kind"].strip(),
                sectors=_split(fit.get("sectors", "")),
                risks=_split(fit.get("risks", "")),
            )
        )
    return tuple(sorted(rows, key=lambda scheme: scheme.name))


@lru_cache(maxsize=1)
def _agreements() -> Dict[str, Agreement]:
    scope = {row["agreement"].strip(): row for row in _read_csv("agreement_scope.csv")}
    result = {}
    for row in _read_csv("irbc_agreements_status.csv"):
        name = row["agreement_nl"].strip()
        fit = scope.get(name, {})
        result[name] = Agreement(
            name_nl=name,
            name_en=row["agreement_en"].strip(),
            sector=row["sector"].strip(),
            signed=_blank_to_none(row["signed_date"]),
            ended=_blank_to_none(row["end_date"]),
            status=row["status"].strip(),
            website=_blank_to_none(row["website"]),
            source_url=row["source_url"].strip(),
            source_kind=row["source_kind"].strip(),
            sectors=_split(fit.get("sectors", "")),
            successor=_blank_to_none(fit.get("successor")),
        )
    return result


def agreements() -> Tuple[Agreement, ...]:
    return tuple(_agreements().values())


def agreement_named(name_nl: str) -> Optional[Agreement]:
    return _agreements().get(name_nl)


@lru_cache(maxsize=1)
def sectors() -> Tuple[Sector, ...]:
    return tuple(
        Sector(
            code=row["code"],
            name_en=row["name_en"],
            name_nl=row["name_nl"],
            words=tuple(dict.fromkeys(w for key in ("words_en", "words_nl") for w in _split(row[key]))),
        )
        for row in _read_csv("sectors.csv")
    )


def sector(code: str) -> Optional[Sector]:
    return next((s for s in sectors() if s.code == code), None)


@lru_cache(maxsize=1)
def sector_words() -> Tuple[Tuple[str, str], ...]:
    """(word as users write it, sector code), longest words first so "palm oil" wins over "oil"."""
    pairs = [(word, s.code) for s in sectors() for word in s.words]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


# Dutch compounds of a sector word and a word for who makes or sells it: "aspergeteler", "koffieboeren",
# "cacaojongens", "bananenleverancier".
_COMPOUND_HEADS = (
    "teler|telers|boer|boeren|jongens|leverancier|leveranciers|fabriek|fabrieken|fabrikant|producent|producenten|"
    "handelaar|handelaren|kweker|kwekers|plantage|plantages|bedrijf|bedrijven|project|sector|exporteur"
)


@lru_cache(maxsize=1)
def _sector_patterns() -> Tuple[Tuple[re.Pattern, str], ...]:
    # whole words only, with an optional plural s: "sporting" does not contain "tin"; or the first part of a compound
    patterns = []
    for word, code in sector_words():
        folded = re.escape(fold(word))
        stem = re.escape(fold(word)[:-1]) if fold(word).endswith("s") else folded
        compound = rf"|(?<![\w-])(?:{folded}|{stem})(?:{_COMPOUND_HEADS})(?![\w-])" if len(word) >= 4 else ""
        patterns.append((re.compile(rf"(?<![\w-]){folded}s?(?![\w-]){compound}"), code))
    return tuple(patterns)


def sector_codes_in(text: Optional[str]) -> Tuple[str, ...]:
    """The canonical sectors a text names ("granite slabs; kerbstones" -> natural_stone), in list order."""
    folded = fold(text or "")
    found = {code for pattern, code in _sector_patterns() if pattern.search(folded)}
    return tuple(s.code for s in sectors() if s.code in found)


@lru_cache(maxsize=1)
def links() -> Dict[str, Link]:
    return {
        row["key"]: Link(
            key=row["key"],
            title_en=row["title_en"],
            title_nl=row["title_nl"],
            edition=_blank_to_none(row["edition"]),
            url=row["url"].strip(),
            source_url=row["source_url"].strip(),
            source_kind=row["source_kind"].strip(),
        )
        for row in _read_csv("links.csv")
    }


def link(key: str) -> Link:
    return links()[key]


@lru_cache(maxsize=1)
def government_contacts() -> Tuple[GovernmentContact, ...]:
    return tuple(
        GovernmentContact(
            key=row["key"],
            applies_to=row["applies_to"],
            name_en=row["name_en"],
            name_nl=row["name_nl"],
            website=_blank_to_none(row["website"]),
            source_url=row["source_url"].strip(),
        )
        for row in _read_csv("government_contacts.csv")
    )


# --- EU and national due-diligence law (eu_law.csv, from the fact pack's eu_law_2026.md) ---------------------


@dataclass(frozen=True)
class LawFact:
    instrument: str  # csddd, csrd, flr, eudr, cmr, lksg, nl_imvo
    fact: str
    value: str
    source_url: str
    source_kind: str  # official, secondary or unverified

    @property
    def verified(self) -> bool:
        return self.source_kind in ("official", "secondary")


@lru_cache(maxsize=1)
def _law_facts() -> Dict[Tuple[str, str], LawFact]:
    return {
        (row["instrument"], row["fact"]): LawFact(
            instrument=row["instrument"],
            fact=row["fact"],
            value=row["value"].strip(),
            source_url=row["source_url"].strip(),
            source_kind=row["source_kind"].strip(),
        )
        for row in _read_csv("eu_law.csv")
    }


def law_fact(instrument: str, fact: str) -> LawFact:
    """One sourced fact about a law; a KeyError names a fact the code needs and the table lacks."""
    return _law_facts()[(instrument, fact)]


def law_facts() -> Tuple[LawFact, ...]:
    return tuple(_law_facts().values())
