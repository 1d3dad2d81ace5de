"""The company's own profile (company.yml, or the file in COMPANY_FILE), read once per process.

The fields are documented in company.yml. A missing or unreadable field is None, so the answers
that need it say what to fill in instead of guessing (a profile typed by hand must never crash a reply).
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional

import yaml

from actions.reference import catalogue

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "company.yml"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Contact:
    name: str
    email: Optional[str] = None
    phone: Optional[str] = None


@dataclass(frozen=True)
class Company:
    name: str
    home_country: Optional[str]  # ISO code, None when not (validly) given
    employees: Optional[int] = None  # average headcount of the company or group
    turnover_eur: Optional[float] = None  # net worldwide turnover, euros
    sector: Optional[str] = None
    customers_in_germany: Optional[bool] = None
    csr_officer: Optional[Contact] = None
    code_of_conduct_url: Optional[str] = None


def _number(value: Any) -> Optional[float]:
    """12000, "12,000", "12.000", "EUR 500 m", "2 bn" as a number; None when it is not one."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 else None
    text = str(value).lower().replace("eur", "").replace("€", "").strip()
    match = re.fullmatch(r"(\d[\d.,\s]*)\s*(m|mln|million|miljoen|bn|billion|mld|miljard)?", text)
    if not match:
        return None
    digits = re.sub(r"[.,\s](?=\d{3}\b)", "", match.group(1)).replace(",", ".").replace(" ", "")
    try:
        number = float(digits)
    except ValueError:
        return None
    scale = {"m": 1e6, "mln": 1e6, "million": 1e6, "miljoen": 1e6}.get(match.group(2) or "", 1)
    if match.group(2) in ("bn", "billion", "mld", "miljard"):
        scale = 1e9
    return number * scale


def _yes_no(value: Any) -> Optional[bool]:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    return {"yes": True, "ja": True, "true": True, "no": False, "nee": False, "false": False}.get(text)


def _contact(value: Any) -> Optional[Contact]:
    if isinstance(value, str) and value.strip():
        return Contact(name=value.strip())
    if isinstance(value, dict) and str(value.get("name") or "").strip():
        email = str(value.get("email") or "").strip() or None
        phone = str(value.get("phone") or "").strip() or None
        return Contact(name=str(value["name"]).strip(), email=email, phone=phone)
    return None


def profile_from(data: Dict[str, Any]) -> Company:
    employees = _number(data.get("employees"))
    contacts = data.get("contacts") if isinstance(data.get("contacts"), dict) else {}
    url = str(data.get("code_of_conduct_url") or "").strip()
    return Company(
        name=str(data.get("name") or ""),
        home_country=catalogue.country_code(str(data.get("home_country") or "")) or None,
        employees=int(employees) if employees is not None else None,
        turnover_eur=_number(data.get("turnover_eur")),
        sector=str(data.get("sector") or "").strip() or None,
        customers_in_germany=_yes_no(data.get("customers_in_germany")),
        csr_officer=_contact(contacts.get("csr_officer")),
        code_of_conduct_url=url if url.startswith(("https://", "http://")) else None,
    )


def load_company(path: Path) -> Company:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, yaml.YAMLError):
        logger.exception("The company profile %s could not be read", path)
        data = {}
    return profile_from(data if isinstance(data, dict) else {})


@lru_cache(maxsize=1)
def company() -> Company:
    return load_company(Path(os.environ.get("COMPANY_FILE") or DEFAULT_FILE))


# Facts a user states about the company in a message ("we are about 180 people", "wij hebben 45 medewerkers",
# "turnover of EUR 60 million"): they count for that answer, and the answer says they differ from the profile.
_STAFF = re.compile(
    r"\b(?:we(?:'re| are| have| employ| zijn(?: met)?| hebben)|wij (?:zijn(?: met)?|hebben)|ons bedrijf heeft|"
    r"our company has|with|met)\s+(?:about |around |roughly |some |only |ca\.? |circa |ongeveer |zo'?n |maar |slechts )?"
    r"(?P<n>\d[\d.,]*)\s*(?:people|staff|employees|workers|fte|medewerkers|werknemers|mensen|man)\b"
    r"|\b(?P<m>\d[\d.,]*)\s*(?:employees|staff|fte|medewerkers|werknemers)\b",
    re.IGNORECASE,
)
_TURNOVER = re.compile(
    r"\b(?:turnover|revenue|omzet)\b\D{0,25}?(?P<n>\d[\d.,]*\s*(?:m|mln|million|miljoen|bn|billion|mld|miljard)?)\b",
    re.IGNORECASE,
)
_TURNOVER_AFTER = re.compile(
    r"\b(?P<n>\d[\d.,]*\s*(?:m|mln|million|miljoen|bn|billion|mld|miljard))\s*(?:euro\s*|eur\s*)?(?:omzet|turnover|revenue)\b",
    re.IGNORECASE,
)


def stated_in(text: str, profile: Company) -> Company:
    """The profile with the headcount and turnover the message states, where it states them."""
    staff = _STAFF.search(text or "")
    turnover = _TURNOVER.search(text or "") or _TURNOVER_AFTER.search(text or "")
    employees = _number(staff.group("n") or staff.group("m")) if staff else None
    revenue = _number(turnover.group("n")) if turnover else None
    return replace(
        profile,
        employees=int(employees) if employees is not None else profile.employees,
        turnover_eur=revenue if revenue is not None else profile.turnover_eur,
    )
