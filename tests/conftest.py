"""Shared fixtures: the trained model, databases (SQLite and PostgreSQL) and running servers."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MODEL = ROOT / "models" / "imvo-assistant.tar.gz"
IN_CI = os.environ.get("CI", "").lower() == "true"

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")


def pytest_report_header(config):
    return [f"model: {MODEL if MODEL.exists() else 'missing (run make train)'}", f"CI: {IN_CI}"]


@pytest.fixture(scope="session")
def model_path() -> Path:
    if not MODEL.exists():
        pytest.fail("No trained model: run `make test` (it trains first) or `make train`.")
    return MODEL
