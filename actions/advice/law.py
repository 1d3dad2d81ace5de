"""Which due-diligence laws apply to the company, decided from its profile (company.yml) and the
sourced thresholds and dates in actions/reference/data/eu_law.csv. Plain data: the words are the
utter_law_* responses in domain/law.yml, one per instrument and outcome.

The answers assume a company established in the EU (the profile's home country); they state the law as
read in late 2026 and say where the reach is indirect (customers in scope passing requirements down).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Tuple

from actions.company import Company
from actions.language import fold
from actions.reference import catalogue

INSTRUMENTS = ("csddd", "csrd", "flr", "eudr", "cmr", "lksg", "nl_imvo")

# How users name each instrument (folded: lower case, no accents).
_NAMED = {
    "csddd": r"cs3d|csddd|csdd|due diligence directive|supply chain directive|zorgplichtrichtlijn|"
    r"ketenrichtlijn|europese ketenwet|eu ketenwet|omnibus",
    "csrd": r"csrd|esrs|vsme|sustainability reporting|duurzaamheidsrapportage|duurzaamheidsverslag|"
    r"rapportageplicht|reporting directive",
    "flr": r"forced labou?r (?:regulation|ban|law)|dwangarbeid ?verordening|dwangarbeidverbod|"
    r"verbod op (?:producten .*)?dwangarbeid|flr|2024/3015",
    "eudr": r"eudr|deforestation regulation|deforestation law|ontbossingsverordening|ontbossingswet|"
    r"anti-?ontbossing|2023/1115",
    "cmr": r"conflict ?minerals?|conflictmineralen|3tg|2017/821",
    "lksg": r"lksg|lieferkettengesetz|german (?:supply chain|due diligence) (?:act|law)|duitse ketenwet|"
    r"duitse (?:wet|klant|klanten|afnemer|afnemers)|german (?:customer|customers|client|clients|buyer|buyers)",
    "nl_imvo": r"imvo[- ]?wet|imvo law|dutch (?:law|imvo|due diligence law)|nederlandse (?:wet|imvo)|"
    r"wet verantwoord|kinderarbeid ?wet|wet zorgplicht|national law|nationale wet",
}


def instruments_named(text: str) -> Tuple[str, ...]:
    """The instruments a message names, in the fixed order; empty when it names none."""
    folded = fold(text or "")
    return tuple(code for code in INSTRUMENTS if re.search(rf"\b(?:{_NAMED[code]})\b", folded))


@dataclass(frozen=True)
class Verdict:
    instrument: str
    outcome: str  # the response is utter_law_<instrument>_<outcome>


def _number(instrument: str, fact: str) -> float:
    return float(catalogue.law_fact(instrument, fact).value)


def _above(value: Optional[float], threshold: float) -> Optional[bool]:
    return None if value is None else value > threshold


def _size_test(company: Company, instrument: str) -> Optional[bool]:
    """In scope when both thresholds are exceeded; None when the profile lacks what decides it."""
    employees = _above(company.employees, _number(instrument, "employees_over"))
    turnover = _above(company.turnover_eur, _number(instrument, "turnover_over_eur"))
    if employees is False or turnover is False:
        return False
    if employees and turnover:
        return True
    return None


def verdict(company: Company, instrument: str) -> Verdict:
    if instrument == "csddd":
        in_scope = _size_test(company, "csddd")
        outcome = {True: "in_scope", False: "not_in_scope", None: "profile_incomplete"}[in_scope]
    elif instrument == "csrd":
        in_scope = _size_test(company, "csrd")
        outcome = {True: "in_scope", False: "not_in_scope", None: "profile_incomplete"}[in_scope]
        cap = _number("csrd", "value_chain_cap_employees")
        if outcome == "not_in_scope" and company.employees is not None and company.employees <= cap:
            outcome = "protected"  # may refuse value-chain requests beyond the voluntary standard
    elif instrument == "lksg":
        outcome = "through_customers" if company.customers_in_germany else "no_german_customers"
    else:
        outcome = {"flr": "applies_to_all", "eudr": "depends", "cmr": "depends", "nl_imvo": "no_law_found"}[instrument]
    return Verdict(instrument, outcome)


def applicability(company: Company, instruments: Tuple[str, ...] = ()) -> Tuple[Verdict, ...]:
    """A verdict per instrument asked about (all of them when none is named)."""
    return tuple(verdict(company, code) for code in (instruments or INSTRUMENTS))


# The short answer to a yes/no question about one instrument, per outcome (its response in domain/law.yml).
VERDICTS = {
    "in_scope": "utter_law_verdict_yes",
    "applies_to_all": "utter_law_verdict_yes",
    "through_customers": "utter_law_verdict_indirect",
    "not_in_scope": "utter_law_verdict_no",
    "protected": "utter_law_verdict_no",
    "no_german_customers": "utter_law_verdict_no",
    "no_law_found": "utter_law_verdict_no",
    "depends": "utter_law_verdict_depends",
    "profile_incomplete": "utter_law_verdict_unknown",
}
_YES_NO = re.compile(
    r"^\W*(?:so\W+|and\W+|but\W+|dus\W+|en\W+|maar\W+)?(?:does|do|is|are|will|would|must|should|can|could|"
    r"geldt|gelden|valt|vallen|val|moet|moeten|hoeft|hoeven|is|zijn|kan|kunnen|mogen|mag)\b|"
    r"\b(?:apply to us|applies to us|affect us|in scope|of toepassing|van toepassing|voor ons gelden|"
    r"geldt (?:\w+ ){0,4}voor ons|onder (?:de|het|die) \w+ vallen|vallen we onder)\b"
)


def asks_yes_or_no(text: str) -> bool:
    return bool(_YES_NO.search(fold(text or "")))


# Common misreadings of the law, each with its own answer.
MISCONCEPTIONS = {
    "skip_due_diligence": "utter_law_misconception_skip_due_diligence",
    "eudr_supplier_size": "utter_law_misconception_eudr_supplier_size",
}
_SKIP = re.compile(
    r"\b(?:skip|no need|(?:don'?t|do not|dont) (?:need|have) to|not (?:required|obliged)|exempt\w*|off the hook|"
    r"hoeven (?:we |wij )?(?:dus )?(?:geen|niet|niks)|niet (?:nodig|verplicht)|vrijgesteld|overslaan|laten zitten)\b"
)
_DUE_DILIGENCE = re.compile(
    r"\b(?:due diligence|gepaste zorgvuldigheid|zorgvuldigheid|supplier (?:checks?|screening)|"
    r"(?:check|screen)\w* (?:our |the )?suppliers|leveranciers (?:checken|screenen|controleren)|ketenonderzoek|imvo)\b"
)
_SMALL_UPSTREAM = re.compile(
    r"\b(?:coop|co-op|cooperative|cooperatie|smallholders?|farmers?|boeren|supplier|leverancier|producer|"
    r"producent|exporter|exporteur|grower|teler)\b.{0,60}\b(?:small|tiny|micro|klein\w*|mini)\b|"
    r"\b(?:small|tiny|micro|klein\w*)\b.{0,30}\b(?:coop|co-op|cooperative|cooperatie|farmers?|boeren|supplier|"
    r"leverancier|producer|producent|exporter|exporteur|grower|teler)\b"
)
_EUDR_DATE = re.compile(r"\b(?:eudr|deforestation|ontbossing\w*|june 2027|juni 2027|2027|later date|uitstel)\b")


def misconception_in(text: str) -> Optional[str]:
    """A misreading of the law the message states or asks to confirm, if any."""
    folded = fold(text or "")
    if _SMALL_UPSTREAM.search(folded) and _EUDR_DATE.search(folded):
        return "eudr_supplier_size"
    if _SKIP.search(folded) and _DUE_DILIGENCE.search(folded):
        return "skip_due_diligence"
    return None
