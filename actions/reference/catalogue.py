"""Reading the project's reference tables: countries, risk types, funding types.

Country names in Dutch and English come from the Unicode CLDR data that ships
with Babel (a dependency of Rasa), plus a short list of everyday aliases
("Turkey", "Ivory Coast", "Holland"); nothing here is typed in by hand twice.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from actions.language import fold

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

    def name(self, language: str) -> str:
        return self.name_nl if language == "nl" else self.name_en

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

    def name(self, language: str) -> str:
        return self.name_nl if language == "nl" else self.name_en

    @property
    def all_names(self) -> Tuple[str, ...]:
        return (self.name_en, self.name_nl, self.code, self.code.replace("_", " ")) + self.synonyms


def read_csv(name: str) -> Iterator[Dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


@cache
def rows(name: str) -> Tuple[Dict[str, str], ...]:
    """A reference table read once per process (for lookups made per message)."""
    return tuple(read_csv(name))


def _clean_cldr_name(name: str) -> str:
    # "Myanmar (Burma)" -> "Myanmar"; "Congo - Kinshasa" stays, aliases cover it
    return re.sub(r"\s*\(.*?\)\s*", " ", name).replace("’", "'").strip()


@lru_cache(maxsize=1)
def countries() -> Tuple[Country, ...]:
    from babel import Locale

    english = Locale("en").territories
    dutch = Locale("nl").territories
    aliases: Dict[str, List[str]] = {}
    for row in read_csv("country_aliases.csv"):
        aliases.setdefault(row["country_iso2"], []).append(row["alias"])
    result = []
    for code in sorted(english):
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES or code not in dutch:
            continue
        extra = [_clean_cldr_name(english[code]), _clean_cldr_name(dutch[code])] + aliases.get(code, [])
        names = {english[code], dutch[code]}
        result.append(
            Country(
                iso2=code,
                name_en=_clean_cldr_name(english[code]) if "(" in english[code] else english[code].replace("’", "'"),
                name_nl=_clean_cldr_name(dutch[code]) if "(" in dutch[code] else dutch[code].replace("’", "'"),
                aliases=tuple(dict.fromkeys(a for a in extra if a not in names)),
            )
        )
    return tuple(result)


def _terms(file_name: str) -> Tuple[Term, ...]:
    result = []
    for row in read_csv(file_name):
        synonyms = [s for key in ("synonyms_en", "synonyms_nl") for s in row[key].split(";") if s.strip()]
        tier = row.get("severity_tier")
        result.append(
            Term(
                code=row["code"],
                name_en=row["name_en"],
                name_nl=row["name_nl"],
                synonyms=tuple(s.strip() for s in synonyms),
                severity_tier=int(tier) if tier else None,
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
