"""Checks, before the servers start, that the databases in the settings can be reached.

Rasa's SQL tracker store retries forever when its database is unreachable; this
fails fast instead, naming the setting to fix. Exit code 1 on a problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from actions.records.conversations import endpoints_file, tracker_store_url
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


def main() -> int:
    problems = []
    endpoints = endpoints_file()
    try:
        tracker = tracker_store_url(endpoints)
        reason = reachable(tracker)
        shown = make_url(tracker).render_as_string(hide_password=True)
    except (OSError, ValueError) as error:
        reason, shown = str(error), str(endpoints)
    if reason:
        problems.append(
            f"The conversation store (tracker store) at {shown} cannot be reached: {reason}.\n"
            f"  Check tracker_store in {endpoints} and the environment variables it names "
            f"(the default endpoints.yml uses the embedded SQLite file var/tracker.db)."
        )
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
