"""Conversation data in Rasa's SQL tracker store: removing one person's
conversation on request, and removing conversations older than a cut-off."""

from __future__ import annotations

import os
import time
from typing import Optional

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def tracker_store_url() -> str:
    """The tracker store's URL from the same settings endpoints.yml uses."""
    dialect = os.environ.get("TRACKER_DIALECT") or "sqlite"
    database = os.environ.get("TRACKER_DB") or "var/tracker.db"
    if dialect.startswith("sqlite"):
        return f"sqlite:///{database}"
    user = os.environ.get("TRACKER_USER") or ""
    password = os.environ.get("TRACKER_PASSWORD") or ""
    host = os.environ.get("TRACKER_HOST") or "localhost"
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"{dialect}://{credentials}{host}/{database}"


def _engine(url: Optional[str]):
    url = url or tracker_store_url()
    args = {} if make_url(url).get_backend_name() == "sqlite" else {"connect_timeout": 5}
    return create_engine(url, future=True, connect_args=args)


def _delete_events(where: str, parameters: dict, url: Optional[str]) -> int:
    engine = _engine(url)
    try:
        with engine.begin() as connection:
            return connection.execute(text(f"DELETE FROM events WHERE {where}"), parameters).rowcount
    finally:
        engine.dispose()


def forget_conversation(sender_id: str, url: Optional[str] = None) -> int:
    """Delete every stored event of one conversation; returns how many."""
    return _delete_events("sender_id = :sender", {"sender": sender_id}, url)


def purge_conversations(older_than_days: float, url: Optional[str] = None) -> int:
    """Delete every event older than the cut-off; returns how many."""
    return _delete_events("timestamp < :cutoff", {"cutoff": time.time() - older_than_days * 86400}, url)
