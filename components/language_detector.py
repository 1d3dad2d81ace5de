"""Recognises each message's language (Dutch, English or undecided) with word lists
learnt when the model is trained and stored in the model.

Training: the examples of every intent block carry `metadata: {language: nl}` or `en`
(data/nlu/nl, data/nlu/en); their words, with spaCy's stop words, make the lexicon.
Prediction: the message text, with entity values such as supplier and country names
blanked out (they say nothing about the user's language), is scored against the
lexicon; the result is added to the parse data as `language_detection`, which
components/language_policy.py turns into the `language` slot.
"""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.language import DUTCH, ENGLISH, LANGUAGES, NEUTRAL_WORDS, Detection, Lexicon, detect_message, fold, tokens
from actions.parse_keys import LANGUAGE_DETECTION, LANGUAGE_REQUEST
from components.stored import LearnsJson

LEXICON_FILE = "lexicon.json"


def stop_words(language: str) -> FrozenSet[str]:
    if language == DUTCH:
        from spacy.lang.nl.stop_words import STOP_WORDS
    else:
        from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(fold(w) for w in STOP_WORDS)


def build_lexicon(examples: Mapping[str, Iterable[str]]) -> Lexicon:
    """The lexicon from example messages per language (plain text, entity values removed)."""
    words = {}
    for language in LANGUAGES:
        vocabulary = set(stop_words(language))
        for example in examples.get(language, ()):
            vocabulary.update(tokens(example))
        words[language] = vocabulary
    shared = words[DUTCH] & words[ENGLISH]
    dutch_only = frozenset(w for w in words[DUTCH] - shared - NEUTRAL_WORDS if len(w) > 1)
    english_only = frozenset(w for w in words[ENGLISH] - shared - NEUTRAL_WORDS if len(w) > 1)
    return Lexicon(dutch_only, english_only)


def examples_by_language(training_data: TrainingData) -> Dict[str, List[str]]:
    """Plain example texts per language, from the intent blocks' metadata."""
    examples: Dict[str, List[str]] = {language: [] for language in LANGUAGES}
    for message in training_data.intent_examples:
        language = ((message.get("metadata") or {}).get("intent") or {}).get("language")
        if language in examples:
            examples[language].append(without_entity_values(message.get("text") or "", message.get("entities") or []))
    return examples


def lexicon_from(training_data: TrainingData) -> Lexicon:
    examples = examples_by_language(training_data)
    empty = [language for language, texts in examples.items() if not texts]
    if empty:
        raise ValueError(
            f"No training examples marked with `metadata: {{language: …}}` for {', '.join(empty)}: "
            "every intent block in data/nlu/<language>/ needs it"
        )
    return build_lexicon(examples)


def without_entity_values(text: str, entities: List[Dict[str, Any]]) -> str:
    """The text with supplier, country and other entity values blanked out:
    a name like "Kivu Tin Mining" says nothing about the user's language."""
    characters = list(text)
    for entity in entities:
        start, end = entity.get("start"), entity.get("end")
        if isinstance(start, int) and isinstance(end, int) and end <= len(characters):
            characters[start:end] = " " * (end - start)
    return "".join(characters)


def detection_of(parse_data: Dict[str, Any]) -> Optional[Detection]:
    """The detection this component added to a parsed message, if any."""
    found = parse_data.get(LANGUAGE_DETECTION)
    if not isinstance(found, dict):
        return None
    return Detection(found.get("language"), bool(found.get("explicit")))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class LanguageDetector(LearnsJson):
    """Placed after the entity extractors in config.yml, so entity values can be left out.
    What it learns (`learnt`) is the Lexicon."""

    FILE = LEXICON_FILE

    @staticmethod
    def to_json(learnt: Lexicon) -> Any:
        return learnt.as_dict()

    @staticmethod
    def from_json(data: Any) -> Lexicon:
        return Lexicon.from_dict(data)

    def train(self, training_data: TrainingData) -> Resource:
        return self.keep(lexicon_from(training_data))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self.learnt is None:
            return messages
        for message in messages:
            asked = message.get(LANGUAGE_REQUEST)  # set by components/message_focus.py
            text = without_entity_values(message.get("text") or "", message.get("entities") or [])
            detection = Detection(asked, explicit=True) if asked else detect_message(text, self.learnt)
            message.set(
                LANGUAGE_DETECTION,
                {"language": detection.language, "explicit": detection.explicit},
                add_to_output=True,
            )
        return messages
