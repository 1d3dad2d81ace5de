"""What the project's graph components share: creating them, and keeping what training learnt in the model."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


class Stateless(GraphComponent):
    """A component that learns nothing."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Stateless:
        return cls()


class LearnsJson(GraphComponent):
    """A component whose trained state (`self.learnt`) is stored in the model as one JSON file."""

    FILE = "learnt.json"

    def __init__(self, model_storage: ModelStorage, resource: Resource, learnt: Optional[Any] = None) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.learnt = learnt

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LearnsJson:
        return cls(model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LearnsJson:
        with model_storage.read_from(resource) as directory:
            data = json.loads((directory / cls.FILE).read_text(encoding="utf-8"))
        return cls(model_storage, resource, cls.from_json(data))

    def keep(self, learnt: Any) -> Resource:
        """Stores what training learnt in the model."""
        self.learnt = learnt
        with self._model_storage.write_to(self._resource) as directory:
            (directory / self.FILE).write_text(json.dumps(self.to_json(learnt)), encoding="utf-8")
        return self._resource

    @staticmethod
    def to_json(learnt: Any) -> Any:
        return learnt

    @staticmethod
    def from_json(data: Any) -> Any:
        return data
