"""Suppliers referred to by what people remember of them: "the cocoa guys in ghana", "the coffee one",
"our two footwear suppliers", "die Vietnamese leverancier", "our supplier in Cuba".

Only a message that refers to a supplier this way (a cue such as "the … one", "our … supplier(s)", "that …
supplier", "de … leverancier") is read as a description; "we want to source cotton from Uzbekistan" is not.
The words are matched against each supplier's sector and products, the country against its country."""

from __future__ import annotations

import re
from typing import AbstractSet, List, Sequence, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.language import fold
from actions.records.models import Supplier
from actions.records.supplier_lookup import GENERIC_WORDS, Candidate, core_name, normalise
from actions.reference import catalogue

_CUE = re.compile(
    r"\b(the|that|this|those|these|our|both|de|die|dat|deze|onze|beide)\b[\w\s'-]{0,40}?"
    r"\b(one|ones|guys|people|lot|supplier|suppliers|farm|farms|factory|factories|mill|plant|mine|company|grower|growers|"
    r"farmers?|producers?|traders?|exporters?|estates?|plantations?|"
    r"leverancier|leveranciers|fabriek|boeren|bedrijf|kwekerij|jongens|teler|telers|kweker|producent|handelaar|"
    r"\w+(teler|telers|boeren|jongens|leverancier|leveranciers|kweker|kwekers|fabriek|producent))\b"
)
# Words of sectors and products too general to say which supplier is meant.
_GENERAL = frozenset(
    """and or of the en fresh raw green crude frozen canned parts components goods products product other
    food metals minerals textiles""".split()
)
TWO = re.compile(r"\b(two|both|2|twee|beide|compare|vergelijk\w*|vs|versus)\b")


def _stem(word: str) -> str:
    """ "roses" -> "rose", "footballs" -> "football", "schoenen" stays (Dutch plurals are kept as typed)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str) -> List[str]:
    return [_stem(w) for w in re.findall(r"[a-z]+", fold(text)) if w not in _GENERAL and len(w) > 2]


def refers_by_description(text: str) -> bool:
    return bool(_CUE.search(fold(text)))


def _fits(
    row: Tuple[int, str, str, str, str], words: AbstractSet[str], countries: AbstractSet[str]
) -> Tuple[bool, bool]:
    """(a word of its sector or products is in the message, its country is named)."""
    _id, _name, country, sector, products = row
    own = set(_words(f"{sector} {products.replace(';', ' ')}"))
    return bool(own & words), country in countries


def described_suppliers(session: Session, text: str, countries: Sequence[str], at_least: int = 1) -> List[Candidate]:
    """The suppliers a described reference (`refers_by_description`) fits: by product word, else (or when fewer than
    `at_least` fit) by sector, narrowed by the country named; by country alone when none fits ("our supplier in Cuba")."""
    words, named_countries = set(_words(text)), set(countries)
    rows = session.execute(
        select(Supplier.id, Supplier.name, Supplier.country_iso2, Supplier.sector, Supplier.products)
    ).all()
    fits = [(row, *_fits(tuple(row), words, named_countries)) for row in rows]
    by_product = [row for row, product, country in fits if product and (country or not countries)]
    sectors = set(catalogue.sector_codes_in(text))
    if len(by_product) < at_least and sectors:  # "the knitwear one", "our two rose suppliers": the sector's words
        by_product += [
            row
            for row, _product, country in fits
            if (country or not countries)
            and row not in by_product
            and sectors & set(catalogue.sector_codes_in(f"{row[3]}; {row[4]}"))
        ]
    if not by_product and countries:
        by_product = [row for row, _product, country in fits if country]
    return [Candidate(row[0], row[1], row[2], 100.0) for row in by_product]


def wants_two(text: str) -> bool:
    return bool(TWO.search(fold(text)))


def signed_by(session: Session, text: str) -> List[Candidate]:
    """The suppliers whose contact person the text names ("From: F. Akter", "Regards, Y. Benali")."""
    folded = fold(text)
    rows = session.execute(select(Supplier.id, Supplier.name, Supplier.country_iso2, Supplier.contact_person)).all()
    found = []
    for supplier_id, name, country, contact in rows:
        person = fold(contact or "").strip()
        if len(person) >= 4 and " " in person and re.search(rf"(?<!\w){re.escape(person)}(?!\w)", folded):
            found.append(Candidate(supplier_id, name, country, 100.0))
    return found


def described_elsewhere(session: Session, name: str, typed: str, countries: Sequence[str]) -> bool:
    """The words matched as this supplier's name only describe a kind of supplier ("our garment factory in
    bangladesh" against Phnom Penh Garment Factory) and the message names a country it is not in: a description
    of another supplier, not this name."""
    words = normalise(typed).split()
    if not words or normalise(typed) == core_name(normalise(name)):
        return False  # the whole name typed is the name, wherever the message also looks
    if not all(word in GENERIC_WORDS or catalogue.sector_codes_in(word) for word in words):
        return False  # a word of its own ("riverbank") names it
    found = session.execute(select(Supplier.country_iso2).where(Supplier.name == name)).scalars().all()
    return bool(found) and not set(found) & set(countries)
