"""Finding a supplier from what a user typed: exact, accent/case-insensitive,
partial and misspelt names, ranked, so the bot can ask "did you mean ...".

The names are held in memory per process and database URL, reloaded when an
import bumps the `suppliers` data version. A query scores only the suppliers
that share a (possibly misspelt) word with it, which keeps lookups fast at
100k suppliers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Set, Tuple

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.language import fold
from actions.records.models import Supplier
from actions.records.versions import current_version

# Words too common in company names to say which supplier is meant.
GENERIC_WORDS = frozenset(
    """the and of de het en van ltd co inc bv nv llc plc gmbh sa srl pvt limited company
    group factory factories industries industry trading traders export exports our supplier
    leverancier onze""".split()
)
MAX_CANDIDATES_SCORED = 5000
TOKEN_TYPO_CUTOFF = 80
SCORE_CUTOFF = 60
RARE_WORD_POSTINGS = 50


@dataclass(frozen=True)
class Candidate:
    supplier_id: int
    name: str
    country_iso2: str
    score: float


# Legal forms at the end of a company name: "Nordic Timber AB" is also found as "nordic timber".
LEGAL_SUFFIXES = frozenset(
    """ltd limited bv nv co company corp corporation inc incorporated llc plc gmbh ag sa srl sarl sl spa ab oy
    as kft sro pt tbk pvt jsc cv bvba vof lda ltda sas sdn bhd""".split()
)


def normalise(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


# Words typed around a name that are not part of it: "the coffee one", "onze leverancier Lotus".
_NOT_NAME_WORDS = GENERIC_WORDS | frozenset("one ones guys people supplier mill mills farm farms".split()) - frozenset(
    "trading traders export exports group industries factory mill farm".split()
)
SPELLING_CUTOFF = 80


def spells(typed: str, name: str) -> bool:
    """Whether every word typed is a word of this name, a start of one or a misspelling of one: "dhaka" spells
    Dhaka Leather Goods, "dhaka denim" does not (another company, whose name shares a word)."""
    name_words = normalise(name).split()
    for word in normalise(typed).split():
        if word in _NOT_NAME_WORDS or word in LEGAL_SUFFIXES or word.isdigit():
            continue
        if not any(
            word == n or (len(word) >= 4 and n.startswith(word)) or fuzz.ratio(word, n) >= SPELLING_CUTOFF
            for n in name_words
        ):
            return False
    return True


def core_name(key: str) -> str:
    """A normalised name without its trailing legal form(s); the name itself when that is all it has."""
    tokens = key.split()
    while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
        tokens.pop()
    return " ".join(tokens)


class SupplierIndex:
    def __init__(self, rows: Sequence[Tuple[int, str, str]], version: int) -> None:
        self.version = version
        self.ids = [r[0] for r in rows]
        self.names = [r[1] for r in rows]
        self.countries = [r[2] for r in rows]
        self.keys = [normalise(r[1]) for r in rows]
        self.exact: Dict[str, List[int]] = {}
        self.by_token: Dict[str, List[int]] = {}
        self.cores = [core_name(key) for key in self.keys]
        for position, key in enumerate(self.keys):
            self.exact.setdefault(key, []).append(position)
            if self.cores[position] != key:
                self.exact.setdefault(self.cores[position], []).append(position)
            for token in set(key.split()):
                self.by_token.setdefault(token, []).append(position)
        self.vocabulary_by_length: Dict[int, List[str]] = {}
        for token in self.by_token:
            self.vocabulary_by_length.setdefault(len(token), []).append(token)

    def _candidate(self, position: int, score: float) -> Candidate:
        return Candidate(self.ids[position], self.names[position], self.countries[position], round(score, 1))

    def _similar_tokens(self, word: str) -> List[str]:
        """Known words that look like a misspelt one (same length +/- 2)."""
        pool = [t for n in range(len(word) - 2, len(word) + 3) for t in self.vocabulary_by_length.get(n, ())]
        return [
            t
            for t, _score, _ in process.extract(word, pool, scorer=fuzz.ratio, limit=3, score_cutoff=TOKEN_TYPO_CUTOFF)
        ]

    def _positions_sharing_words(self, query: str) -> Set[int]:
        words = [w for w in query.split() if w not in GENERIC_WORDS and len(w) > 1] or query.split()
        postings = [self.by_token[w] for w in words if w in self.by_token]
        unknown = [w for w in words if w not in self.by_token and len(w) >= 4]
        # misspelt words are only looked up when no distinctive word matched exactly
        if unknown and (not postings or min(map(len, postings)) > RARE_WORD_POSTINGS):
            for word in unknown:
                postings.extend(self.by_token[t] for t in self._similar_tokens(word))
        positions: Set[int] = set()
        for posting in sorted(postings, key=len):  # rarest (most telling) words first
            if positions and len(positions) + len(posting) > MAX_CANDIDATES_SCORED:
                break
            positions.update(posting[:MAX_CANDIDATES_SCORED])
        return positions

    def search(self, text: str, limit: int = 5, country_iso2: Optional[str] = None) -> List[Candidate]:
        query = core_name(normalise(text))
        if not query:
            return []
        exact = [p for p in self.exact.get(query, []) if not country_iso2 or self.countries[p] == country_iso2]
        if exact:
            return [self._candidate(p, 100.0) for p in exact][:limit]
        positions = self._positions_sharing_words(query)
        if country_iso2:
            positions = {p for p in positions if self.countries[p] == country_iso2}
        choices = {p: self.keys[p] for p in positions}
        ranked = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=SCORE_CUTOFF)
        return [self._candidate(p, score) for _key, score, p in ranked]


_indexes: Dict[str, SupplierIndex] = {}
_lock = threading.Lock()


def supplier_index(session: Session) -> SupplierIndex:
    """The index for this session's database, reloaded after an import."""
    url = str(session.get_bind().url)
    version = current_version(session, "suppliers")
    index = _indexes.get(url)
    if index is None or index.version != version:
        with _lock:
            rows = session.execute(select(Supplier.id, Supplier.name, Supplier.country_iso2)).all()
            index = SupplierIndex([tuple(r) for r in rows], version)
            _indexes[url] = index
    return index


def find_suppliers(session: Session, text: str, limit: int = 5, country_iso2: Optional[str] = None) -> List[Candidate]:
    return supplier_index(session).search(text, limit=limit, country_iso2=country_iso2)
