"""Suppliers referred to by what people remember of them: "the cocoa guys in ghana", "the coffee one",
"our two footwear suppliers", "die Vietnamese leverancier", "our supplier in Cuba".

Only a message that refers to a supplier this way (a cue such as "the … one", "our … supplier(s)", "that …
supplier", "de … leverancier") is read as a description; "we want to source cotton from Uzbekistan" is not.
The words are matched against each supplier's sector and products, the country against its country."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.language import fold
from actions.records.models import Supplier

_CUE = re.compile(
    r"\b(the|that|this|those|these|our|both|de|die|dat|deze|onze|beide)\b[\w\s'-]{0,40}?"
    r"\b(one|ones|guys|people|lot|supplier|suppliers|farm|farms|factory|factories|mill|plant|mine|company|"
    r"leverancier|leveranciers|fabriek|boeren|bedrijf|kwekerij|jongens)\b"
)
# Words of sectors and products too general to say which supplier is meant.
_GENERAL = frozenset(
    """and or of the en fresh raw green crude frozen canned parts components goods products product other
    food metals minerals textiles""".split()
)
TWO = re.compile(r"\b(two|both|2|twee|beide|compare|vergelijk\w*)\b")


@dataclass(frozen=True)
class Described:
    supplier_id: int
    name: str


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


def _fits(row: Tuple[int, str, str, str, str], words: Sequence[str], countries: Iterable[str]) -> Tuple[bool, bool]:
    """(a word of its sector or products is in the message, its country is named)."""
    _id, _name, country, sector, products = row
    own = set(_words(f"{sector} {products.replace(';', ' ')}"))
    return bool(own & set(words)), country in set(countries)


def described_suppliers(session: Session, text: str, countries: Sequence[str]) -> List[Described]:
    """The suppliers a described reference fits: by product or sector word, narrowed by the country named; by
    country alone when no product word fits ("our supplier in Cuba")."""
    if not refers_by_description(text):
        return []
    words = _words(text)
    rows = session.execute(
        select(Supplier.id, Supplier.name, Supplier.country_iso2, Supplier.sector, Supplier.products)
    ).all()
    fits = [(row, *_fits(tuple(row), words, countries)) for row in rows]
    by_product = [row for row, product, country in fits if product and (country or not countries)]
    if not by_product and countries:
        by_product = [row for row, _product, country in fits if country]
    return [Described(row[0], row[1]) for row in by_product]


def wants_two(text: str) -> bool:
    return bool(TWO.search(fold(text)))


def one_of(found: Sequence[Described]) -> Optional[Described]:
    return found[0] if len(found) == 1 else None
