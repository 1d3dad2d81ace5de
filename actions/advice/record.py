"""Questions about a supplier record: which fields a message asks about.

"when were they last audited?" -> audit; "wie is daar onze contactpersoon?" -> contact;
"what's our share of their revenue?" -> share. A message that names no field ("what do
we have on file for them?") gets the whole record. The words per field, in both
languages, are the table below; the labels and the wording of values live in
wording.yml (record_fields).
"""

from __future__ import annotations

import re
from typing import Dict, List, Tuple

from actions.language import fold

# Field -> words (English and Dutch, folded, as regular expressions matched at word starts).
FIELD_WORDS: Dict[str, Tuple[str, ...]] = {
    "audit": (r"audit", r"inspect", r"gecontroleerd", r"controle"),
    "contact": (
        r"contact",
        r"aanspreekpunt",
        r"account ?manager",
        r"who do we (talk|speak)",
        r"met wie",
        r"who (do|should|can) (i|we) (call|ring|e-?mail|mail|reach)",
        r"wie (moet|kan|moeten|kunnen) (ik|we|wij) (bellen|mailen|spreken)",
        r"wie bel ik",
    ),
    # the records hold a contact's name only: an e-mail or phone number asked for is "not recorded"
    "contact_details": (
        r"e-?mail",
        r"mailadres",
        r"phone",
        r"telefoon",
        r"telephone",
        r"mobile",
        r"mobiel",
        r"bellen",
        r"hoe bereik",
        r"how (do|can) (i|we) reach",
    ),
    "share": (r"share", r"aandeel", r"percent", r"procent", r"turnover", r"revenue", r"omzet", r"% "),
    "spend": (
        r"spend",
        r"spent",
        r"inkoopwaarde",
        r"inkoopvolume",
        r"purchase volume",
        r"besteden",
        r"uitgaven",
        r"how much do we (buy|purchase)",
        r"hoeveel geven (we|wij)",
        r"uitgeven",
        r"per jaar uit",
        r"hoeveel (kopen|besteden)",
        r"annual",
        r"jaarlijks",
        r"euro",
        r"eur\b",
    ),
    "years": (
        r"how long",
        r"hoe lang",
        r"(?<!per )(?<!a )years?\b",
        r"(?<!per )jaar\b",
        r"jaren",
        r"sinds",
        r"since when",
        r"relationship",
        r"relatie",
    ),
    "tier": (r"tier", r"direct", r"indirect", r"rechtstreeks", r"subcontract", r"onderaannem"),
    "city": (
        r"city",
        r"stad",
        r"plaats",
        r"located",
        r"location",
        r"gevestigd",
        r"vestiging",
        r"where are they",
        r"waar (zitten|zit|zijn) (ze|zij|die)",
        r"address",
        r"adres",
    ),
    "country": (r"country", r"welk land", r"which land"),
    "sector": (r"sector", r"industry", r"branche"),
    "products": (
        r"product",
        r"wat voor (leverancier|bedrijf)",
        r"what kind of (supplier|company)",
        r"what do they (make|do)\b",
        r"make",
        r"maken",
        r"produce",
        r"produceren",
        r"supply us",
        r"leveren (ze|zij)",
        r"what do they (sell|deliver)",
    ),
    "certifications": (r"certif", r"keurmerk", r"label", r"certificaat", r"certificering", r"standards? they"),
    "risks": (r"risk", r"risico", r"known issues", r"problem", r"probleem", r"issues"),
    # what the records say beyond the fields: programmes, monitoring, remediation, grievances
    "notes": (
        r"note",
        r"notitie",
        r"opmerking",
        r"remark",
        r"comment",
        r"monitor",
        r"programm",
        r"remediat",
        r"herstelpl",
        r"dossier",
        r"genoteerd",
        r"written down",
        r"grievance",
    ),
}
FIELD_ORDER = tuple(FIELD_WORDS)
WHOLE_RECORD = tuple(field for field in FIELD_ORDER if field != "contact_details")  # what "everything" shows
_PATTERNS = {field: re.compile(r"\b(?:" + "|".join(words) + ")") for field, words in FIELD_WORDS.items()}


def fields_asked(text: str) -> List[str]:
    """The record fields a message asks about, in the table's order; [] for "everything"."""
    folded = fold(text or "") + " "
    found = [field for field in FIELD_ORDER if _PATTERNS[field].search(folded)]
    explicit_spend = re.search(
        r"\b(spen[dt]|uitgaven|besteden|inkoopwaarde|how much do we (buy|purchase)|hoeveel kopen)", folded
    )
    if "share" in found and "spend" in found and not explicit_spend:
        found.remove("spend")  # "our share of their annual revenue" is about share, not spend
    if "contact_details" in found and "contact" not in found:  # "his e-mail?": who, and that it is not recorded
        found.insert(found.index("contact_details"), "contact")
    return found
