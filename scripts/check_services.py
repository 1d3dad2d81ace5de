"""Checks, before the servers start, that the services in the settings can be reached:
the tracker store, the lock store (Redis) and the supplier database.

Rasa's SQL tracker store retries forever when its database is unreachable, and Rasa
falls back to keeping conversations or locks in memory without a word; this fails
fast instead, naming the setting to fix. Exit code 1 on a problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from actions.records.conversations import endpoint_settings, endpoints_file, tracker_store_url
from actions.records.database import database_url


def reachable(url: str) -> str:
    """'' when the database answers, else the reason."""
    try:
        parsed = make_url(url)
        args = {} if parsed.get_backend_name() == "sqlite" else {"connect_timeout": 5}
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, future=True, connect_args=args)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        finally:
            engine.dispose()
        return ""
    except Exception as error:  # any driver error becomes a readable line
        return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


def use_wal(url: str) -> None:
    """Write-ahead logging for an SQLite tracker store: concurrent conversations then
    read while another writes instead of waiting for the file lock. The mode is stored
    in the file, so setting it once before Rasa starts is enough."""
    if make_url(url).get_backend_name() != "sqlite":
        return
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    finally:
        engine.dispose()


LOCK_STORE_KEYS = ("type", "url", "port", "password", "db", "use_ssl")


def redis_reachable(settings: dict) -> str:
    """'' when Redis answers a PING, else the reason."""
    import redis

    try:
        client = redis.Redis(
            host=settings["url"] or "localhost",
            port=int(settings["port"] or 6379),
            db=int(settings["db"] or 0),
            password=settings["password"] or None,
            ssl=settings["use_ssl"].lower() == "true",
            socket_connect_timeout=5,
            socket_timeout=5,
        )
        client.ping()
        client.close()
        return ""
    except (redis.RedisError, ValueError, OSError) as error:
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


# Rasa's own and the project's atomic one (entrypoints/redis_lock_store.py), as typed in an endpoints file.
REDIS_LOCK_STORES = ("redis", "entrypoints.redis_lock_store.atomicredislockstore")


def lock_store_problem(endpoints: Path) -> str:
    try:
        settings = endpoint_settings("lock_store", LOCK_STORE_KEYS, endpoints)
    except (OSError, ValueError) as error:
        return f"The lock store in {endpoints} cannot be read: {error}."
    kind = settings.get("type", "").lower()
    if kind in ("", "in_memory"):
        return ""
    if kind not in REDIS_LOCK_STORES:
        return f"The lock store type '{settings['type']}' in {endpoints} is not one this check knows (redis)."
    reason = redis_reachable(settings)
    where = f"{settings['url'] or 'localhost'}:{settings['port'] or 6379}"
    if reason:
        return (
            f"The lock store (Redis) at {where} cannot be reached: {reason}.\n"
            f"  Check lock_store in {endpoints} and the environment variables it names "
            f"(deploy/endpoints.cluster.yml uses REDIS_HOST and REDIS_PORT)."
        )
    return ""


def main() -> int:
    problems = []
    endpoints = endpoints_file()
    try:
        tracker = tracker_store_url(endpoints)
        reason = reachable(tracker)
        shown = make_url(tracker).render_as_string(hide_password=True)
    except (OSError, ValueError) as error:
        reason, shown = str(error), str(endpoints)
    if not reason:
        use_wal(tracker)
    else:
        problems.append(
            f"The conversation store (tracker store) at {shown} cannot be reached: {reason}.\n"
            f"  Check tracker_store in {endpoints} and the environment variables it names "
            f"(the default endpoints.yml uses the embedded SQLite file var/tracker.db)."
        )
    lock_problem = lock_store_problem(endpoints)
    if lock_problem:
        problems.append(lock_problem)
    records = database_url()
    reason = reachable(records)
    if reason:
        problems.append(
            f"The supplier database at {make_url(records).render_as_string(hide_password=True)} cannot be reached: "
            f"{reason}.\n  Check DATABASE_URL (unset it to use the embedded SQLite file var/imvo.db)."
        )
    for problem in problems:
        print(f"Cannot start: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
