"""Bringing a database's schema up to date with Alembic."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from alembic import command
from alembic.config import Config

from actions.records.database import database_url, get_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: Optional[str] = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = url or database_url()
    return config


def upgrade(url: Optional[str] = None) -> None:
    """Apply every migration that the database does not have yet."""
    config = alembic_config(url)
    with get_engine(url or database_url()).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
