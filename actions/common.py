"""What every action shares: the conversation language, sending worded advice,
and a polite answer when the records cannot be reached."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.language import language_code
from actions.records.database import session_scope

logger = logging.getLogger(__name__)


class RecordsUnavailable(Exception):
    """The database could not be reached; the user has been told."""


def language_of(tracker: Tracker) -> str:
    return language_code(tracker.get_slot("language"))


def latest_entities(tracker: Tracker, entity: str) -> List[Any]:
    return [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == entity]


def latest_entity(tracker: Tracker, entity: str) -> Optional[Any]:
    values = latest_entities(tracker, entity)
    return values[0] if values else None


def safe_echo(text: Any, limit: int = 80) -> str:
    """User text repeated in a reply: no markup characters, no control
    characters, short, so no widget or chat client can be made to run it."""
    cleaned = "".join(ch for ch in str(text or "") if ch.isprintable() and ch not in "<>`{}[]")
    cleaned = " ".join(cleaned.split())
    return cleaned[:limit] + ("…" if len(cleaned) > limit else "")


def send(dispatcher: CollectingDispatcher, messages: Sequence[Tuple[str, Dict[str, Any]]]) -> None:
    for response, values in messages:
        dispatcher.utter_message(response=response, **values)


@contextmanager
def records(dispatcher: CollectingDispatcher) -> Iterator[Any]:
    """A database session; on a database failure the user gets a polite
    "I can't look that up right now" and the action ends without a crash."""
    try:
        with session_scope() as session:
            yield session
    except SQLAlchemyError:
        logger.exception("The supplier records could not be read")
        dispatcher.utter_message(response="utter_lookup_unavailable")
        raise RecordsUnavailable() from None
