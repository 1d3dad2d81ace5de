"""Finding the company's suppliers inside a whole message, as people type them.

"need advice on carpathian footwear, what should we do?", "hoeveel invloed hebben we
bij carpathian?", "what's riverbank's last audit", "status of nordic timber": a
mention is the full name (with or without its legal form), or a part of it that
contains at least one *distinctive* word, that is a word of the name that is not a
common word of the conversation (the caller passes those: words of the training
examples, stop words, country and risk names). Words are compared without case or
accents, and words of five letters or more may have a small typo.

A mention names one supplier when one candidate explains it best; otherwise it
carries the close candidates so the bot can ask which one is meant. It never
invents: no distinctive word, no mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import AbstractSet, List, Optional, Tuple

from rapidfuzz import fuzz, process

from actions.records.supplier_lookup import Candidate, SupplierIndex, core_name, normalise, spells

WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_NAME_WORDS = 8
TYPO_MIN_LENGTH = 5
TYPO_CUTOFF = 85.0
SURE_TYPO = 90.0  # a misspelt word on its own names a supplier only when this close
WINDOW = 4  # words around a distinctive word that may hold the rest of the name
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets in the message
    end: int
    text: str
    candidates: Tuple[Candidate, ...]  # best first
    certain: bool  # the first candidate matches more of the typed words than any other

    @property
    def supplier(self) -> Optional[Candidate]:
        """The one supplier meant, or None when several are equally likely."""
        return self.candidates[0] if self.certain else None


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    key: str


def _words(text: str) -> List[_Word]:
    return [_Word(m.start(), m.end(), normalise(m.group())) for m in WORD.finditer(text) if len(m.group()) > 1]


def _best_token(index: SupplierIndex, word: str) -> Tuple[Optional[str], float]:
    """The name word this word stands for: itself, or a close spelling of a long word."""
    if word in index.by_token:
        return word, 100.0
    if len(word) < TYPO_MIN_LENGTH:
        return None, 0.0
    pool = [t for n in (len(word) - 1, len(word), len(word) + 1) for t in index.vocabulary_by_length.get(n, ())]
    found = process.extractOne(word, pool, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
    return (found[0], found[1]) if found else (None, 0.0)


def _full_names(index: SupplierIndex, words: List[_Word]) -> List[Tuple[int, int, List[int]]]:
    """Whole names (with or without legal form) as consecutive words: (first word, last word, positions)."""
    found = []
    for first in range(len(words)):
        for last in range(min(len(words), first + MAX_NAME_WORDS) - 1, first - 1, -1):
            key = " ".join(w.key for w in words[first : last + 1])
            positions = index.exact.get(key) or index.exact.get(core_name(key))
            if positions:
                found.append((first, last, positions))
                break
    return found


def _score(index: SupplierIndex, position: int, words: List[_Word], near: range) -> Tuple[int, float, int, int]:
    """How well the words near a distinctive word spell this supplier's name:
    (name words found, score 0-100, first word, last word)."""
    name_tokens = index.cores[position].split()
    matched, quality, first, last = 0, 0.0, None, None
    for token in name_tokens:
        best, best_at = 0.0, None
        for i in near:
            word = words[i].key
            similarity = 100.0 if word == token else (fuzz.ratio(word, token) if len(token) >= TYPO_MIN_LENGTH else 0)
            if similarity >= TYPO_CUTOFF and similarity > best:
                best, best_at = similarity, i
        if best_at is not None:
            matched += 1
            quality += best
            first = best_at if first is None else min(first, best_at)
            last = best_at if last is None else max(last, best_at)
    if not matched:
        return 0, 0.0, -1, -1
    return matched, quality / len(name_tokens), first, last


def _goes_on_as_another_name(
    index: SupplierIndex,
    text: str,
    words: List[_Word],
    i: int,
    taken: List[bool],
    common: AbstractSet[str],
    position: int,
) -> bool:
    """The word after a matched name looks like more of a name (capitalised, or a word of some supplier's name)
    but is not a word of this one."""
    if i >= len(words) or taken[i] or words[i].key in common or words[i].key.isdigit():
        return False
    name_like = text[words[i].start].isupper() or words[i].key in index.by_token
    return name_like and not spells(words[i].key, index.names[position])


def find_mentions(index: SupplierIndex, text: str, common_words: AbstractSet[str]) -> List[Mention]:
    """Supplier mentions in a message, in the order they appear; overlapping ones are merged."""
    words = _words(text)
    taken = [False] * len(words)
    mentions: List[Mention] = []

    def add(first: int, last: int, candidates: List[Candidate], certain: bool) -> None:
        for i in range(first, last + 1):
            taken[i] = True
        start, end = words[first].start, words[last].end
        mentions.append(Mention(start, end, text[start:end], tuple(candidates[:MAX_CANDIDATES]), certain))

    for first, last, positions in _full_names(index, words):
        if not any(taken[first : last + 1]):
            add(first, last, [index._candidate(p, 100.0) for p in positions], certain=len(positions) == 1)

    for i, word in enumerate(words):
        if taken[i] or word.key.isdigit():
            continue
        token, similarity = _best_token(index, word.key)
        if token is None:
            continue
        # an everyday word ("dhaka", "leather") names a supplier only together with more of its name
        needs_two_words = word.key in common_words or token in common_words
        near = range(max(0, i - WINDOW), min(len(words), i + WINDOW + 1))
        scored = [(p, _score(index, p, words, near)) for p in index.by_token[token][: MAX_CANDIDATES * 100]]
        ranked = sorted(
            (item for item in scored if item[1][0] > 0),
            key=lambda item: (-item[1][0], -item[1][1], index.names[item[0]]),
        )
        if not ranked:
            continue
        if ranked[0][1][0] < 2 and (needs_two_words or similarity < SURE_TYPO):
            continue  # a near spelling of one name word ("werving" ~ "weaving") is not enough on its own
        best = ranked[:MAX_CANDIDATES]
        first = min([i] + [f for _p, (_m, _s, f, _l) in best if ranked[0][1][0] == _m])
        last = max([i] + [la for _p, (_m, _s, _f, la) in best if ranked[0][1][0] == _m])
        if any(taken[first : last + 1]):
            first = last = i
        certain = len(ranked) == 1 or ranked[0][1][0] > ranked[1][1][0]
        goes_on = last
        while certain and _goes_on_as_another_name(index, text, words, goes_on + 1, taken, common_words, ranked[0][0]):
            goes_on += 1
        if goes_on > last:  # "Dhaka Denim Works" is not Dhaka Leather Goods: asked about, never answered
            certain, last = False, goes_on
        add(first, last, [index._candidate(p, round(s, 1)) for p, (_m, s, _f, _l) in ranked], certain)
    mentions.sort(key=lambda m: m.start)
    return mentions
