"""Backup and restore of the embedded SQLite database (PostgreSQL: use pg_dump/pg_restore).

A backup uses SQLite's online backup API, so it is consistent even while the
assistant runs. A restore first checks the file is a database of this project
and then replaces the current file in one rename, so a failed restore leaves
the old database as it was. Stop the assistant before restoring.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    pass


def sqlite_path(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise BackupError("backup and restore work on the embedded SQLite database; for PostgreSQL use pg_dump")
    return Path(parsed.database)


def backup(url: str, target: Path) -> Path:
    source_path = sqlite_path(url)
    if not source_path.exists():
        raise BackupError(f"there is no database at {source_path} yet")
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source_path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def _check(candidate: Path) -> None:
    try:
        with sqlite3.connect(f"file:{candidate}?mode=ro", uri=True) as connection:
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{candidate} is damaged")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{candidate} is not an SQLite database ({error})") from error
    missing = {"suppliers", "alembic_version"} - tables
    if missing:
        raise BackupError(
            f"{candidate} is not a backup of this assistant (missing tables: {', '.join(sorted(missing))})"
        )


def restore(url: str, source: Path) -> Path:
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    _check(source)
    target = sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".restore-", suffix=".db")
    os.close(handle)
    try:
        with sqlite3.connect(source) as original, sqlite3.connect(temporary) as copy:
            original.backup(copy)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return target
