"""Checking what a user gives for a plan: an owner's e-mail, a review date or deadline, a status.

Each check returns the value to store, or raises PlanInputError with the key of the
question to ask back (responses utter_plan_invalid_* in domain/plans.yml), so an edit is
either valid as a whole or not saved at all.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from actions.advice.wording import entry
from actions.language import fold
from actions.records.plan_models import STATUSES

EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
EMAIL_IN_TEXT = re.compile(r"[^@\s<>()\[\],;:\"]+@[^\s<>()\[\],;:\"]+")
MAX_NAME = 200
MAX_MEASURE_TEXT = 500  # one measure, as a sentence or two: longer is a paste, not a measure


class PlanInputError(ValueError):
    """The input cannot be stored; `problem` names the question to ask back."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def valid_email(text: str) -> str:
    value = (text or "").strip().rstrip(".")
    if len(value) > 254 or not EMAIL.match(value):
        raise PlanInputError("email")
    return value.lower()


def valid_name(text: str) -> str:
    value = " ".join((text or "").split())
    if not value or len(value) > MAX_NAME or "@" in value:
        raise PlanInputError("owner_name")
    return value


def valid_measure_text(text: str) -> str:
    value = " ".join((text or "").split())
    if len(value) < 3 or len(value) > MAX_MEASURE_TEXT:
        raise PlanInputError("measure_text")
    return value


def valid_future_date(value: Optional[dt.date], today: Optional[dt.date] = None) -> dt.date:
    """A date that is today or later (a review or deadline in the past cannot be planned)."""
    if value is None:
        raise PlanInputError("date_unreadable")
    if value < (today or dt.date.today()):
        raise PlanInputError("date_past")
    return value


def valid_status(status: str) -> str:
    if status not in STATUSES:
        raise PlanInputError("status")
    return status


def month_numbers() -> dict:
    """Month names (English and Dutch, folded, also their first three letters) -> 1..12."""
    names = {}
    for language in ("en", "nl"):
        for number, name in enumerate(entry("months", language).split(), 1):
            names[fold(name)] = number
            names[fold(name)[:3]] = number
    names["mrt"] = 3  # the Dutch abbreviation of maart
    return names


def parse_date(text: str, today: Optional[dt.date] = None) -> Optional[dt.date]:
    """A date as users type it: 2027-03-01, 1-3-2027, 01/03/2027, 1 March 2027, 1 maart 2027, March 1, 2027;
    without a year ("1 March") the next such day from today."""
    folded = fold(text or "")
    try:
        found = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", folded)
        if found:
            return dt.date(int(found[1]), int(found[2]), int(found[3]))
        found = re.search(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b", folded)
        if found:  # day first, as in Dutch and British usage
            return dt.date(int(found[3]), int(found[2]), int(found[1]))
        months = month_numbers()
        found = re.search(r"\b(\d{1,2})(?:st|nd|rd|th|e)?\s+([a-z]+)\.?,?\s+(\d{4})\b", folded)
        if found and found[2] in months:
            return dt.date(int(found[3]), months[found[2]], int(found[1]))
        found = re.search(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", folded)
        if found and found[1] in months:
            return dt.date(int(found[3]), months[found[1]], int(found[2]))
        found = re.search(r"\b(\d{1,2})(?:st|nd|rd|th|e)?\s+([a-z]+)\b", folded)
        day_month = (int(found[1]), months[found[2]]) if found and found[2] in months else None
        found = re.search(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b", folded)
        if day_month is None and found and found[1] in months:
            day_month = (int(found[2]), months[found[1]])
        if day_month:
            today = today or dt.date.today()
            date = dt.date(today.year, day_month[1], day_month[0])
            return date if date >= today else dt.date(today.year + 1, day_month[1], day_month[0])
    except ValueError:  # 31 February and the like
        return None
    return None


def email_in(text: str) -> Optional[str]:
    found = EMAIL_IN_TEXT.search(text or "")
    return found.group(0).rstrip(".") if found else None
