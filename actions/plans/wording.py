"""The plan building blocks of actions/plans/wording.yml, per language (same shape as the advice's wording)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

import yaml

from actions.language import language_code

WORDING_FILE = Path(__file__).resolve().parent / "wording.yml"


@lru_cache(maxsize=1)
def wording() -> Dict[str, Any]:
    return yaml.safe_load(WORDING_FILE.read_text(encoding="utf-8"))


def say(language: str, *path: Any, **values: Any) -> str:
    """The text at `path` in `language` (nl or en), with {placeholders} filled."""
    node: Any = wording()
    for key in path:
        node = node[key]
    text = node[language_code(language)]
    return text.format(**values) if values else text
