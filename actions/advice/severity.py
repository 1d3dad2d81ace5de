"""How severe one recorded risk is for this case: scale, scope, irremediable character and likelihood.

The OECD guidance ranks impacts by severity (scale, scope, irremediable character) and then
by likelihood; irreversible harm comes first. Likelihood orders risks of equal severity but
does not change the severity itself. Each factor is read from the case itself: the risk
type (its tier and whether its harm can be undone, risk_types.csv), the notes in the company's
records (serious harm, many people or communities, the risk named), and the country (ITUC
rating, unions prohibited by law). The reasons are kept as data so the answer can show why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Tuple

from actions.language import fold
from actions.reference.catalogue import Term

LABOUR_RISKS = frozenset(
    {
        "forced_labour",
        "child_labour",
        "freedom_of_association",
        "living_wage",
        "working_hours",
        "health_safety",
        "discrimination",
    }
)
# Words in the record's notes (English and Dutch, folded, matched at word starts).
GRAVE_HARM = re.compile(
    r"\b(kill|death|dead|died|fatal|injur|collaps|fire\b|explosion|silicosis|poison"
    r"|dood|doden|omgekomen|overleden|dodelijk|gewond|letsel|ingestort|instort|brand\b|explosie|silicose|vergiftig)"
)
WIDE_SCOPE = re.compile(
    r"\b(communit|village|indigenous|families|residents|whole region"
    r"|gemeenschap|dorp|inheems|gezinnen|bewoners|hele regio)"
)
PEOPLE_COUNT = re.compile(
    r"(\d[\d.,]*)\s+(?:workers|people|families|employees|children|werknemers|mensen|gezinnen|arbeiders|kinderen)"
)
MANY_PEOPLE = 100
# A sentence of the notes that says the issue was dealt with ("fire exits repaired in May 2025").
FIXED = re.compile(
    r"\b(fixed|repaired|resolved|remedied|rectified|corrected|closed|opgelost|verholpen|hersteld|gerepareerd|"
    r"afgehandeld|rechtgezet)\b"
)
SCALE_OF_TIER = {1: "high", 2: "high", 3: "medium", 4: "low"}
POINTS = {"high": 2, "medium": 1, "low": 0}


@dataclass(frozen=True)
class Severity:
    level: int  # 1 very severe, 2 severe, 3 significant, 4 relevant (the labels of wording.yml tier_labels)
    irremediable: bool
    likely: bool
    points: int
    fixed: bool  # the notes say this issue was dealt with: it comes after the open ones
    # (reason key in wording.yml severity_reasons, values): one line of reasoning
    reasons: Tuple[Tuple[str, Tuple[Tuple[str, str], ...]], ...]


def _mentions(term: Term, folded_notes: str) -> bool:
    return any(re.search(rf"\b{re.escape(fold(name))}", folded_notes) for name in term.all_names if len(name) > 3)


def _reported_fixed(term: Term, folded_notes: str) -> bool:
    """A sentence of the notes names this risk and says it was fixed."""
    return any(_mentions(term, sentence) and FIXED.search(sentence) for sentence in re.split(r"[.;\n]", folded_notes))


def _many_people(folded_notes: str) -> bool:
    for count in PEOPLE_COUNT.findall(folded_notes):
        digits = re.sub(r"[.,]", "", count)
        if digits.isdigit() and int(digits) >= MANY_PEOPLE:
            return True
    return False


def assess(
    term: Term,
    notes: str = "",
    country_iso2: str = "",
    rating: Optional[str] = None,
    year: str = "",
    unions_prohibited: bool = False,
    recorded: bool = True,
) -> Severity:
    """The severity of `term` in this case; `recorded` is False for a risk only named in a question."""
    folded = fold(notes or "")
    # notes are not kept per risk: deaths and injuries are read as the safety risk's, not every risk's
    grave = term.irremediable == "when_grave" and bool(GRAVE_HARM.search(folded))
    reasons = []
    irremediable = term.irremediable == "yes" or grave
    if irremediable:
        reasons.append(("irremediable", ()))
    scale = "high" if grave else SCALE_OF_TIER.get(term.severity_tier or 4, "low")
    reasons.append(("scale_grave" if grave else f"scale_{scale}", ()))
    wide = bool(WIDE_SCOPE.search(folded)) or _many_people(folded)
    reasons.append(("scope_wide" if wide else "scope_not_recorded", ()))
    fixed = bool(notes) and _reported_fixed(term, folded)
    if fixed:
        likely, reasons_key = False, ("likelihood_fixed", ())
    elif notes and _mentions(term, folded):
        likely, reasons_key = True, ("likelihood_reported", ())
    elif term.code in LABOUR_RISKS and unions_prohibited:
        likely, reasons_key = True, ("likelihood_prohibited", (("country", country_iso2),))
    elif term.code in LABOUR_RISKS and rating in ("4", "5", "5+"):
        likely, reasons_key = (
            True,
            ("likelihood_rating", (("country", country_iso2), ("rating", rating), ("year", year))),
        )
    else:
        likely, reasons_key = False, ("likelihood_recorded" if recorded else "likelihood_not_established", ())
    reasons.append(reasons_key)
    points = POINTS[scale] + (2 if irremediable else 0) + (1 if wide else 0)
    level = 1 if points >= 4 else 2 if points >= 2 else 3 if points == 1 else 4
    return Severity(level, irremediable, likely, points, fixed, tuple(reasons))
