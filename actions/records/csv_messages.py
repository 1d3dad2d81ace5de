"""What the supplier list check says, in Dutch and English (texts: csv_messages.yml).

A message is kept as its key and values, so the upload page can show it in the page's language.
It is also a str (the English text), so the command line and existing callers use it as before.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Sequence, Tuple

import yaml

from actions.language import language_code

TEXTS_FILE = Path(__file__).resolve().parent / "csv_messages.yml"
Part = Tuple[str, Dict[str, Any]]


@lru_cache(maxsize=1)
def texts() -> Dict[str, Dict[str, str]]:
    return yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))


def say(language: str, key: str, **values: Any) -> str:
    return texts()[key][language_code(language)].format(**values)


class RowError(ValueError):
    """A value that cannot be imported, raised by the row's validators; pydantic keeps the exception."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(say("en", key, **values))
        self.key, self.values = key, values


class CsvMessage(str):
    """One message about the file, readable in either language; as a str, the English text."""

    parts: Tuple[Part, ...]
    columns: Tuple[str, ...]
    line: Any

    def __new__(cls, key: str, line: Any = None, columns: Sequence[str] = (), **values: Any) -> CsvMessage:
        return cls.joined([(key, values)], line, columns)

    @classmethod
    def joined(cls, parts: Sequence[Part], line: Any = None, columns: Sequence[str] = ()) -> CsvMessage:
        """Several problems of one line ("country: ...; tier: ..."), each of a column when `columns` names it."""
        message = str.__new__(cls, _text("en", tuple(parts), line, tuple(columns)))
        message.parts, message.line, message.columns = tuple(parts), line, tuple(columns)
        return message

    def text(self, language: str) -> str:
        return _text(language, self.parts, self.line, self.columns)


def _text(language: str, parts: Tuple[Part, ...], line: Any, columns: Tuple[str, ...]) -> str:
    shown = []
    for index, (key, values) in enumerate(parts):
        # a value that is itself a message (the header's details) is shown in the same language
        filled = {k: v.text(language) if isinstance(v, CsvMessage) else v for k, v in values.items()}
        message = say(language, key, **filled)
        column = columns[index] if index < len(columns) else ""
        shown.append(say(language, "column", column=column, message=message) if column else message)
    detail = "; ".join(shown)
    return say(language, "line", line=line, detail=detail) if line is not None else detail
