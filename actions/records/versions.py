"""Per-table change counters, so in-process caches know when to reload."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.records.models import DataVersion


def current_version(session: Session, table: str) -> int:
    value = session.execute(select(DataVersion.version).where(DataVersion.table_name == table)).scalar()
    return value or 0


def bump_version(session: Session, table: str) -> None:
    row = session.get(DataVersion, table)
    if row is None:
        session.add(DataVersion(table_name=table, version=1))
    else:
        row.version += 1
    session.flush()
