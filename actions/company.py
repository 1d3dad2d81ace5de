"""The company's own profile (company.yml, or the file in COMPANY_FILE), read once per process."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from actions.reference import catalogue

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "company.yml"


@dataclass(frozen=True)
class Company:
    name: str
    home_country: Optional[str]  # ISO code, None when not (validly) given


@lru_cache(maxsize=1)
def company() -> Company:
    path = Path(os.environ.get("COMPANY_FILE") or DEFAULT_FILE)
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}
    home = catalogue.country_code(str(data.get("home_country") or "")) or None
    return Company(name=str(data.get("name") or ""), home_country=home)
