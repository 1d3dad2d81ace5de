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

import json
import logging
import threading
import time
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.parse_keys import FULL_TEXT
from actions.records.supplier_lookup import SupplierIndex, normalise
from actions.records.supplier_mentions import WORD, Mention, find_mentions
from actions.reference import catalogue
from components.language_detector import stop_words, without_entity_values

logger = logging.getLogger(__name__)

ENTITY = "supplier"
WORDS_FILE = "common_words.json"
REFRESH_SECONDS = 3.0
# Intents where a name DIET found but the records do not have is still worth an "I can't find it".
SUPPLIER_INTENTS = frozenset({"ask_supplier_advice", "ask_supplier_record", "inform", "compare_suppliers"})


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


def reconcile(
    existing: List[Dict[str, Any]], found: List[Dict[str, Any]], intent: Optional[str]
) -> List[Dict[str, Any]]:
    """Entities with the records' supplier mentions in place of DIET's guesses."""
    others = [e for e in existing if e.get("entity") != ENTITY]
    if found:
        return others + found
    if intent in SUPPLIER_INTENTS:
        return existing
    return others


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class SupplierMatcher(GraphComponent):
    """Placed after DIET and the other entity extractors in config.yml."""

    _records = _RecordsCache()

    def __init__(
        self, model_storage: ModelStorage, resource: Resource, common_words: FrozenSet[str] = frozenset()
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.common_words = common_words

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SupplierMatcher:
        return cls(model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SupplierMatcher:
        with model_storage.read_from(resource) as directory:
            words = json.loads((directory / WORDS_FILE).read_text(encoding="utf-8"))
        return cls(model_storage, resource, frozenset(words))

    def train(self, training_data: TrainingData) -> Resource:
        self.common_words = common_words_from(training_data)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / WORDS_FILE).write_text(json.dumps(sorted(self.common_words)), encoding="utf-8")
        return self._resource

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
            entities = reconcile(message.get("entities") or [], found, intent)
            message.set("entities", entities, add_to_output=True)
        return messages
