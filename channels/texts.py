"""The channels' own texts (texts.yml), in the conversation's language or, when unknown, in both."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional

import yaml

TEXTS_FILE = Path(__file__).resolve().parent / "texts.yml"


@lru_cache(maxsize=1)
def texts() -> Dict[str, Dict[str, str]]:
    return yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))


def say(key: str, language: Optional[str] = None, **values: Any) -> str:
    """The text in `language` (nl or en, or a locale like nl-NL); Dutch then English when it is not known."""
    entry = texts()[key]
    code = str(language or "")[:2].lower()
    chosen = [entry[code]] if code in ("nl", "en") else [entry["nl"], entry["en"]]
    return "\n\n".join(text.format(**values) for text in chosen)
