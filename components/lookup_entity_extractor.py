"""Extracts countries, risk types and funding types from the generated lookup tables.

Rasa's RegexEntityExtractor only uses lookup tables of entities that are also
annotated in training examples, which would make DIET learn (and mis-extract)
them too. This subclass uses every lookup table, so the examples can stay
unannotated and these entities come from the reference data alone.
"""

from __future__ import annotations

import rasa.nlu.utils.pattern_utils as pattern_utils
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.extractors.regex_entity_extractor import RegexEntityExtractor
from rasa.shared.nlu.training_data.training_data import TrainingData


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class LookupEntityExtractor(RegexEntityExtractor):
    def train(self, training_data: TrainingData) -> Resource:
        self.patterns = pattern_utils.extract_patterns(
            training_data,
            use_lookup_tables=True,
            use_regexes=False,
            use_only_entities=False,
            use_word_boundaries=self._config["use_word_boundaries"],
        )
        self.persist()
        return self._resource
