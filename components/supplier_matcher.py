"""Finds the company's suppliers in every message, from the supplier records as they are now.

A company imports its own supplier list; the bot must know those names without
retraining. At training this component only learns which words are *common* in
the conversation (the training examples outside supplier names, spaCy's stop
words, country, risk, funding and sector names): a supplier is recognised by a word
of its name that is not common (actions/records/supplier_mentions.py). At run time it
reads the supplier names from the database (DATABASE_URL), keeps them in memory and
re-reads them when an import changed them (checked at most every few seconds).

Each mention becomes a `supplier` entity: the record's exact name (and `supplier_id`)
when one supplier is meant, or the typed words when several could be (the form then
asks which). DIET's own `supplier` entities are kept only where no record matched and
the question is about a supplier, so an unknown name is answered with "I can't find
it", never with another supplier.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.parse_keys import FULL_TEXT
from actions.records.supplier_lookup import SupplierIndex, normalise
from actions.records.supplier_mentions import WORD, Mention, find_mentions
from actions.reference import catalogue
from components.language_detector import stop_words, without_entity_values
from components.stored import LearnsJson

logger = logging.getLogger(__name__)

ENTITY = "supplier"
# Words typed without apostrophes that are not in the training examples but are never names.
CONTRACTIONS = frozenset(
    "whos whats wheres hows whens its dont cant wont isnt arent doesnt didnt theyre youre im ive lets thats".split()
    # and words about the records themselves ("what do our records say about …")
    + "records record gegevens dossier notes notities files file section afdeling".split()
)
WORDS_FILE = "common_words.json"
REFRESH_SECONDS = 3.0
# Intents where a name DIET found but the records do not have is still worth an "I can't find it"
# (out_of_scope: an answer to "which supplier?" that looks like nothing the bot knows).
SUPPLIER_INTENTS = frozenset(
    {"ask_supplier_advice", "ask_full_advice", "ask_supplier_record", "inform", "out_of_scope"}
)


def common_words_from(training_data: TrainingData) -> FrozenSet[str]:
    """Words people use in questions: never enough on their own to name a supplier."""
    words = set(stop_words("nl")) | set(stop_words("en"))
    for message in training_data.intent_examples:
        text = without_entity_values(message.get("text") or "", message.get("entities") or [])
        words.update(normalise(w) for w in WORD.findall(text))
    for item in (*catalogue.countries(), *catalogue.risk_types(), *catalogue.funding_types()):
        for name in item.all_names:
            words.update(normalise(name).split())
    for word, sector in catalogue.sector_words():
        words.update(normalise(word).split() + normalise(sector).split())
    return frozenset(w for w in words if w)


class _RecordsCache:
    """The supplier names of the configured database, re-read after an import."""

    def __init__(self) -> None:
        self._index: Optional[SupplierIndex] = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self._warned = False

    def index(self) -> Optional[SupplierIndex]:
        now = time.monotonic()
        if self._index is not None and now - self._checked < REFRESH_SECONDS:
            return self._index
        with self._lock:
            try:
                from actions.records.database import session_scope
                from actions.records.supplier_lookup import supplier_index

                with session_scope() as session:
                    self._index = supplier_index(session)
                self._warned = False
            except Exception as error:  # the bot still answers without supplier names
                if not self._warned:
                    logger.warning("Supplier names unavailable (%s); messages are read without them.", error)
                    self._warned = True
            self._checked = now
        return self._index


def supplier_entities(mentions: List[Mention], with_offsets: bool = True) -> List[Dict[str, Any]]:
    """Entities for the mentions; offsets only when they point into the text the pipeline reads."""
    entities = []
    for mention in mentions:
        chosen = mention.supplier
        entity: Dict[str, Any] = {"entity": ENTITY}
        if with_offsets:
            entity.update(start=mention.start, end=mention.end)
        entity.update(
            value=chosen.name if chosen else mention.text,
            confidence_entity=round((chosen.score if chosen else mention.candidates[0].score) / 100, 3),
            extractor=SupplierMatcher.__name__,
        )
        if chosen:
            entity["supplier_id"] = chosen.supplier_id
        entities.append(entity)
    return entities


def unknown_name(text: str, common_words: FrozenSet[str]) -> Optional[Dict[str, Any]]:
    """In a question about a supplier, the longest run of uncommon words: a name the records do not
    have ("what should we do about fjordlaks?"), so the answer can say it was not found."""
    best: List[Any] = []
    run: List[Any] = []
    for match in [*WORD.finditer(text), None]:
        word = normalise(match.group()) if match else ""
        if match and len(word) >= 3 and not word.isdigit() and word not in common_words and word not in CONTRACTIONS:
            run.append(match)
            continue
        if len(run) > len(best):
            best = run
        run = []
    if not best:
        return None
    if len(best) == 1 and len(best[0].group()) < 6 and len(WORD.findall(text)) > 3:
        return None  # one short unknown word in a sentence ("the factory stuff") is rarely a name
    start, end = best[0].start(), best[-1].end()
    return {
        "entity": ENTITY,
        "start": start,
        "end": end,
        "value": text[start:end],
        "extractor": "SupplierMatcher",
        "unknown_name": True,  # not in the records: the answer says so, unless a supplier is in focus
    }


def reconcile(
    existing: List[Dict[str, Any]],
    found: List[Dict[str, Any]],
    intent: Optional[str],
    unknown: Optional[Dict[str, Any]],
) -> List[Dict[str, Any]]:
    """Entities with the records' supplier mentions in place of DIET's guesses. In a question about a
    supplier, a name the records do not have (DIET's guess, or the longer run of unknown words around it)
    is kept, marked `unknown_name`, so the answer can say it was not found."""
    others = [e for e in existing if e.get("entity") != ENTITY]
    if found:
        return others + found
    if intent not in SUPPLIER_INTENTS:
        return others
    guessed = [dict(e, unknown_name=True) for e in existing if e.get("entity") == ENTITY]
    if unknown and (not guessed or all(_covers(unknown, g) for g in guessed)):
        return [*others, unknown]
    return others + guessed


def _covers(outer: Dict[str, Any], inner: Dict[str, Any]) -> bool:
    return outer.get("start", 0) <= inner.get("start", -1) and outer.get("end", 0) >= inner.get("end", 10**9)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class SupplierMatcher(LearnsJson):
    """Placed after DIET and the other entity extractors in config.yml. What it learns (`learnt`) is
    the set of common words."""

    FILE = WORDS_FILE
    _records = _RecordsCache()

    @staticmethod
    def to_json(learnt: FrozenSet[str]) -> Any:
        return sorted(learnt)

    @staticmethod
    def from_json(data: Any) -> FrozenSet[str]:
        return frozenset(data)

    @property
    def common_words(self) -> FrozenSet[str]:
        return self.learnt or frozenset()

    def train(self, training_data: TrainingData) -> Resource:
        return self.keep(common_words_from(training_data))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # training never reads the supplier records

    def mentions(self, text: str) -> Tuple[Mention, ...]:
        index = self._records.index()
        if index is None or not text or text.startswith("/"):
            return ()
        return tuple(find_mentions(index, text, self.common_words))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get("text") or ""
            found = supplier_entities(list(self.mentions(text)))
            full_text = message.get(FULL_TEXT)  # a long paste, read as its closing question
            if full_text:
                named = {e["value"] for e in found}
                more = [m for m in self.mentions(full_text) if (m.supplier.name if m.supplier else m.text) not in named]
                found += supplier_entities(more, with_offsets=False)
            intent = (message.get("intent") or {}).get("name")
            unknown = None if found or not text or text.startswith("/") else unknown_name(text, self.common_words)
            entities = reconcile(message.get("entities") or [], found, intent, unknown)
            message.set("entities", entities, add_to_output=True)
        return messages
