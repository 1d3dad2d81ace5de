"""Paths and files of the project that several tests read."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_DIR = ROOT / "domain"


@lru_cache(maxsize=1)
def domain() -> Dict[str, Any]:
    """The domain folder as one mapping, the way Rasa merges it (responses from every file)."""
    merged: Dict[str, Any] = {}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            elif isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged[key] = value
    return merged


@lru_cache(maxsize=1)
def _lexicon():
    from benchmarks.conversation_eval import training_lexicon

    return training_lexicon()


def reads_as(text: str):
    """The language a reply reads as: "nl", "en" or None when it cannot tell."""
    from actions.language import detect

    return detect(text, _lexicon()).language
