"""Keeps the `language` slot up to date after every user message.

A policy, not an action, because it runs inside the Rasa server: the language
is right even when the action server is down, and the slot is set before the
bot's response is rendered, so the reply to a message already comes in the
message's language. It never predicts an action (all probabilities are 0);
it only contributes a SlotSet event. What the message itself says about its
language comes from components/language_detector.py (in the parse data).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from actions.language import next_language
from components.language_detector import detection_of

LANGUAGE_SLOT = "language"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class LanguagePolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": 0}

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_AND_RULE_DATA

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Optional[Any] = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(self, training_trackers: List[Any], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        # Only the first prediction after a user message looks at the message.
        if tracker.latest_action_name != ACTION_LISTEN_NAME or not tracker.latest_message:
            return self._prediction(probabilities)
        message = tracker.latest_message
        entity_language = next(
            (e.get("value") for e in message.entities if e.get("entity") == LANGUAGE_SLOT),
            None,
        )
        metadata = message.metadata or {}
        current = tracker.get_slot(LANGUAGE_SLOT)
        language = next_language(
            current,
            detection_of(message.parse_data),
            entity_language=entity_language,
            channel_hint=metadata.get("language") or metadata.get("locale"),
        )
        events = [] if language == current else [SlotSet(LANGUAGE_SLOT, language)]
        return self._prediction(probabilities, events=events)
