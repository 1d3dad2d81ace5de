"""The values that fill the utter_law_* responses: sourced dates, thresholds and links from
eu_law.csv, formatted for the user's language. Facts marked unverified fill only placeholders
ending in _reported, which the responses present as "reported, not verified here"
(tests/test_law.py checks both)."""

from __future__ import annotations

import datetime
from typing import Dict, List, Tuple

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

from actions.advice.law import Verdict
from actions.company import Company
from actions.language import language_code
from actions.reference import catalogue

# (instrument, outcome) -> its response in domain/law.yml
RESPONSES = {
    ("csddd", "in_scope"): "utter_law_csddd_in_scope",
    ("csddd", "not_in_scope"): "utter_law_csddd_not_in_scope",
    ("csddd", "profile_incomplete"): "utter_law_csddd_profile_incomplete",
    ("csrd", "in_scope"): "utter_law_csrd_in_scope",
    ("csrd", "protected"): "utter_law_csrd_protected",
    ("csrd", "not_in_scope"): "utter_law_csrd_not_in_scope",
    ("csrd", "profile_incomplete"): "utter_law_csrd_profile_incomplete",
    ("flr", "applies_to_all"): "utter_law_flr_applies_to_all",
    ("eudr", "depends"): "utter_law_eudr_depends",
    ("cmr", "depends"): "utter_law_cmr_depends",
    ("lksg", "through_customers"): "utter_law_lksg_through_customers",
    ("lksg", "no_german_customers"): "utter_law_lksg_no_german_customers",
    ("nl_imvo", "no_law_found"): "utter_law_nl_imvo_no_law_found",
}

# placeholder -> (instrument, fact, kind of value)
_VERIFIED = {
    "csddd_employees": ("csddd", "employees_over", "count"),
    "csddd_turnover": ("csddd", "turnover_over_eur", "euros"),
    "csddd_transposition": ("csddd", "transposition", "date"),
    "csddd_amended_by": ("csddd", "amended_by", "text"),
    "csddd_link": ("csddd", "link", "text"),
    "csrd_employees": ("csrd", "employees_over", "count"),
    "csrd_turnover": ("csrd", "turnover_over_eur", "euros"),
    "csrd_transposition": ("csrd", "transposition", "date"),
    "csrd_cap": ("csrd", "value_chain_cap_employees", "count"),
    "csrd_vsme_date": ("csrd", "vsme_recommendation", "date"),
    "csrd_link": ("csrd", "link", "text"),
    "flr_applies": ("flr", "applies_from", "date"),
    "flr_link": ("flr", "link", "text"),
    "flr_guidelines": ("flr", "guidelines_published", "date"),
    "eudr_large": ("eudr", "applies_from_large", "date"),
    "eudr_small": ("eudr", "applies_from_small", "date"),
    "eudr_amended_by": ("eudr", "amended_by", "text"),
    "eudr_amended_on": ("eudr", "amendment_dated", "date"),
    "eudr_amendment_link": ("eudr", "amendment_link", "text"),
    "eudr_commodities": ("eudr", "commodities", "text"),
    "eudr_commodities_nl": ("eudr", "commodities_nl", "text"),
    "eudr_link": ("eudr", "link", "text"),
    "cmr_applies": ("cmr", "applies_from", "date"),
    "cmr_link": ("cmr", "link", "text"),
    "lksg_employees": ("lksg", "employees_in_germany_from", "count"),
    "lksg_reform_bill": ("lksg", "reform_bill", "date"),
    "lksg_link": ("lksg", "link", "text"),
    "nl_link": ("nl_imvo", "link", "text"),
}
_REPORTED = {
    "csddd_application_reported": ("csddd", "application", "month"),
    "eudr_cutoff_reported": ("eudr", "cutoff_date", "date"),
}


def _format(value: str, kind: str, language: str) -> str:
    if kind == "count":
        return format_decimal(int(value), locale=language)
    if kind == "euros":
        return "EUR " + format_compact_decimal(float(value), format_type="long", locale=language, fraction_digits=1)
    if kind == "date":
        return format_date(datetime.date.fromisoformat(value), "d MMMM y", locale=language)
    if kind == "month":
        return format_date(datetime.date.fromisoformat(value + "-01"), "MMMM y", locale=language)
    return value


def law_values(language: str) -> Dict[str, str]:
    language = language_code(language)
    values = {}
    for placeholder, (instrument, fact, kind) in _VERIFIED.items():
        found = catalogue.law_fact(instrument, fact)
        if not found.verified:  # the table changed: never present an unverified fact as fact
            raise ValueError(f"{instrument}.{fact} is {found.source_kind}; use a _reported placeholder")
        values[placeholder] = _format(found.value, kind, language)
    for placeholder, (instrument, fact, kind) in _REPORTED.items():
        values[placeholder] = _format(catalogue.law_fact(instrument, fact).value, kind, language)
    return values


def profile_values(company: Company, language: str) -> Dict[str, str]:
    """The profile as the intro shows it; a blank field as "?" (the intro says where to fill it in)."""
    language = language_code(language)
    employees = format_decimal(company.employees, locale=language) if company.employees is not None else "?"
    turnover = (
        "EUR " + format_compact_decimal(company.turnover_eur, format_type="long", locale=language, fraction_digits=1)
        if company.turnover_eur is not None
        else "?"
    )
    return {"company": company.name or "?", "employees": employees, "turnover": turnover}


def law_messages(company: Company, verdicts: Tuple[Verdict, ...], language: str) -> List[Tuple[str, Dict]]:
    values = {**law_values(language), **profile_values(company, language)}
    intro = "utter_law_intro" if len(verdicts) > 1 else "utter_law_intro_one"
    return [(intro, values)] + [(RESPONSES[(v.instrument, v.outcome)], values) for v in verdicts]
