"""What a user reads for (response key, values) messages: the domain variation for the language,
filled the way Rasa fills it. For tests of actions that send response keys."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Tuple

from tests.project import domain


def text_of(key: str, values: Dict[str, Any], language: str) -> str:
    from rasa.core.nlg.interpolator import interpolate_text

    variations = domain()["responses"][key]
    dutch = [v for v in variations if v.get("condition")]
    english = [v for v in variations if not v.get("condition")]
    variation = (dutch if language == "nl" else english)[0]
    return interpolate_text(variation["text"], {k: str(v) for k, v in values.items()})


def texts(messages: Iterable[Tuple[str, Dict[str, Any]]], language: str) -> List[str]:
    return [text_of(key, values, language) for key, values in messages]
