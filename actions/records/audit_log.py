"""Writing, reading and pruning the audit log (actions/records/audit_models.py).

A row is added in the session of the look-up it records, so it is committed with it and never
written for a look-up that failed or was refused. The actions run in the action server's thread
pool (entrypoints/threaded_actions.py) and the admin pages in their own threads, so the write
never waits on the action server's event loop.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta, timezone
from typing import Any, List, Optional

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from actions.records.audit_models import AuditEntry
from actions.records.database import session_scope

logger = logging.getLogger(__name__)
DEFAULT_KEEP_DAYS = 365


def keep_days() -> int:
    """AUDIT_LOG_DAYS (default 365): how long rows are kept (docs/privacy.md)."""
    try:
        return max(1, int(os.environ.get("AUDIT_LOG_DAYS", str(DEFAULT_KEEP_DAYS))))
    except ValueError:
        return DEFAULT_KEEP_DAYS


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)  # stored as naive UTC on SQLite and PostgreSQL alike


def add(
    session: Session,
    who: str,
    role: str,
    channel: str,
    kind: str,
    supplier_id: Optional[int] = None,
    subject: str = "",
) -> None:
    session.add(
        AuditEntry(
            at=now(),
            who=(who or "unknown")[:200],
            role=(role or "")[:60],
            channel=(channel or "unknown")[:40],
            kind=kind[:40],
            supplier_id=supplier_id,
            subject=(subject or "")[:200],
        )
    )


def entries(session: Session, limit: int = 1000) -> List[Any]:
    """The newest rows first."""
    return list(session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).scalars())


def prune(days: Optional[int] = None, url: Optional[str] = None) -> int:
    """Deletes the rows older than `days` (AUDIT_LOG_DAYS); returns how many."""
    cutoff = now() - timedelta(days=days or keep_days())
    with session_scope(url) as session:
        removed = session.execute(delete(AuditEntry).where(AuditEntry.at < cutoff)).rowcount or 0
    if removed:
        logger.info("Audit log: removed %d rows older than %s", removed, cutoff.date())
    return removed
