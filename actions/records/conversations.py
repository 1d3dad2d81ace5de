"""Conversation data in Rasa's SQL tracker store: removing one person's
conversation on request, and removing conversations older than a cut-off."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Optional
from urllib.parse import quote_plus

import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def endpoints_file() -> Path:
    """The endpoints file the Rasa server is started with (ENDPOINTS, default endpoints.yml)."""
    return Path(os.environ.get("ENDPOINTS") or "endpoints.yml")


def endpoint_settings(section: str, keys: tuple, endpoints: Optional[Path] = None) -> dict:
    """One section of the endpoints file with its ${VARIABLES} filled in as Rasa fills them;
    {} when the section is absent. A variable that is not set is an error naming it."""
    path = endpoints or endpoints_file()
    config = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(section)
    if not config:
        return {}
    values = {}
    for key in keys:
        raw = "" if config.get(key) is None else str(config[key])
        value = os.path.expandvars(raw)
        if "$" in value:
            raise ValueError(f"{path}: {section} {key} names an environment variable that is not set ({raw})")
        values[key] = value
    return values


def tracker_store_url(endpoints: Optional[Path] = None) -> str:
    """The tracker store's database URL, read from the endpoints file as Rasa reads it."""
    keys = ("dialect", "url", "port", "db", "username", "password")
    values = endpoint_settings("tracker_store", keys, endpoints) or dict.fromkeys(keys, "")
    dialect = values["dialect"] or "sqlite"
    if dialect.startswith("sqlite"):
        return f"sqlite:///{values['db'] or 'rasa.db'}"
    host = values["url"] or "localhost"
    if values["port"]:
        host = f"{host}:{values['port']}"
    user, password = quote_plus(values["username"]), quote_plus(values["password"])
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"{dialect}://{credentials}{host}/{values['db']}"


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
