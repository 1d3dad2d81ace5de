"""`make run` / `make cluster` refuse to start, naming the setting, when a configured service
cannot be reached (Rasa itself would fall back to memory without a word)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from tests.servers import PYTHON, ROOT

CLUSTER_ENDPOINTS = ROOT / "deploy" / "endpoints.cluster.yml"


def check(tmp_path: Path, endpoints: Path, **settings: str | None) -> subprocess.CompletedProcess:
    """scripts.check_services with these settings (None: the variable is not set)."""
    env = {
        **os.environ,
        "ENDPOINTS": str(endpoints),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'imvo.db'}",
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:1/webhook",
        "TRACKER_DIALECT": "sqlite",
        "TRACKER_HOST": "",
        "TRACKER_DB": str(tmp_path / "tracker.db"),
        "TRACKER_USER": "",
        "TRACKER_PASSWORD": "",
        **settings,
    }
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [PYTHON, "-m", "scripts.check_services"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_unreachable_lock_store_stops_start_up_naming_the_setting(tmp_path):
    result = check(tmp_path, CLUSTER_ENDPOINTS, REDIS_HOST="127.0.0.1", REDIS_PORT="1")
    assert result.returncode == 1
    assert "lock store (Redis) at 127.0.0.1:1 cannot be reached" in result.stderr
    assert "REDIS_HOST" in result.stderr and str(CLUSTER_ENDPOINTS) in result.stderr
    assert "Traceback" not in result.stderr


def test_unset_lock_store_variable_is_named(tmp_path):
    result = check(tmp_path, CLUSTER_ENDPOINTS, REDIS_HOST=None, REDIS_PORT="6379")
    assert result.returncode == 1
    assert "lock_store url" in result.stderr and "${REDIS_HOST}" in result.stderr
    assert "Traceback" not in result.stderr


def test_reachable_services_pass_and_the_sqlite_tracker_uses_wal(tmp_path, redis_server):
    host, port = redis_server
    result = check(tmp_path, CLUSTER_ENDPOINTS, REDIS_HOST=host, REDIS_PORT=port)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "tracker.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_unreachable_supplier_database_names_database_url(tmp_path):
    result = check(tmp_path, ROOT / "endpoints.yml", DATABASE_URL="postgresql://nobody@127.0.0.1:1/imvo")
    assert result.returncode == 1
    assert "supplier database" in result.stderr and "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr
