"""The case a message describes, read from its words: where the harm happens and what the company did, which
decides the OECD response (cause: cease and remedy; contribute: cease, use leverage, share the remedy; directly
linked: use and build leverage), or a hard case with its own playbook, or an exit. A described case beats the
supplier's recorded risk category: "we changed orders at the last minute three times" is about the company's
purchasing, whatever the record lists. Plain data; the answers are the utter_case_* and utter_playbook_*
responses in domain/expert.yml."""

from __future__ import annotations

import re
from typing import Optional

from actions.advice.expert import HARD_CASES, hard_case_in_text, involvement_in_text
from actions.language import fold

# Situations in the order they are tried: the first that the message describes is its case.
SITUATIONS = (
    "harassment",
    "own_operations",
    "state_forced_labour",
    "minerals",
    "conflict_areas",
    "smallholder_child_labour",
    "purchasing",
    "inaction",
    "cost_exit",
    "notice_period",
    "dependent_exit",
    "deforestation",
    "deep_tier",
)
RESPONSES = {
    "harassment": "utter_case_harassment",
    "own_operations": "utter_case_own_operations",
    "purchasing": "utter_case_purchasing",
    "inaction": "utter_case_inaction",
    "cost_exit": "utter_case_cost_exit",
    "notice_period": "utter_case_notice_period",
    "minerals": "utter_case_minerals",
    "deep_tier": "utter_case_deep_tier",
    **{case: f"utter_playbook_{case}" for case in HARD_CASES},
}
DEPENDENT_SHARE = 30  # % of a supplier's revenue from which leaving hits it hard (announce earlier, phase out slower)
# Situations where a dependent supplier changes the advice (announce earlier, phase out more slowly).
EXITS = frozenset({"cost_exit", "notice_period", "dependent_exit"})

# A harm named: an involvement is a case only when the message says what went wrong.
_HARM = (
    r"passports?|paspoort\w*|id ?(?:cards?|papers?|documents?)|identiteitsbewij\w*|"
    r"overtime|overwerk|overuren|hours?|\d+ ?h(?:rs?)?\b|uren|uur|werkdruk|wages?|lonen|loon|underpa\w*|onderbeta\w*|unpaid|onbetaald|back ?pay|"
    r"recruitment fees?|wervingskosten|debt|schuld\w*|forced|dwang\w*|child\w*|kinder\w*|"
    r"unsafe|onveilig\w*|injur\w*|gewond|accident\w*|ongeluk\w*|fire|brand|collaps\w*|"
    r"harass\w*|intimidat\w*|discriminat\w*|abuse\w*|misbruik\w*|threat\w*|bedreig\w*|"
    r"union\w*|vakbond\w*|dismiss\w*|fired|ontsla\w*|agency workers?|uitzendkrachten|"
    r"pollut\w*|vervuil\w*|land|grond|evict\w*|uitgezet|deforest\w*|ontbos\w*"
)
_CUES = {
    # sexual harassment only: harassment of union organisers or "intimidatie" (intimidation) is another case
    "harassment": r"sexual(?:ly)? harass\w*|gender[- ]based (?:violence|harassment)|sexual (?:abuse|violence|assault)|"
    r"seksuele? (?:intimidatie|geweld|misbruik)|seksueel (?:geintimideerd|lastiggevallen)|ongewenste intimiteiten|"
    r"aanrand\w*|#?metoo|groped|betast",
    "own_operations": r"(?:our|ons|onze) own (?:warehouse|site|factory|plant|office|staff|employees|workers|"
    r"operations|team|distribution cent(?:er|re)|shop|store|plantation)|(?:in|at) our (?:warehouse|"
    r"distribution cent(?:er|re)|dc|depot|site|plant|factory|office|shop|store)|"
    r"onze eigen (?:fabriek|vestiging|medewerkers|werknemers|locatie|plantage|mensen|teamleider)|"
    r"(?:in|bij|op) ons (?:eigen )?(?:magazijn|distributiecentrum|dc|depot|kantoor|bedrijf|filiaal)|"
    r"(?:in|bij|op) onze (?:eigen )?(?:vestiging|fabriek|locatie|winkel)|"
    r"our (?:team ?leader|supervisor|manager|foreman|shift leader)|onze (?:teamleider|leidinggevende|ploegleider)|"
    r"eigen (?:magazijn|personeel)",
    "minerals": r"cobalt|kobalt|coltan|tantal\w*|tungsten|wolfra\w*|\btin\b|3tg|artisanal min\w*|"
    r"ambachtelijke mijn\w*|smelters?|smelterij\w*|refiner\w*|raffinader\w*|mica|conflict minerals?|"
    r"conflictmineralen|gold mines?|goudmijn\w*",
    "inaction": r"(?:keep|just keep|carry on|continue) (?:buying|sourcing|ordering)\b.{0,40}"
    r"(?:do nothing|nothing|as usual|ignore)|do nothing\b|(?:look|looking) the other way|ignore it|"
    r"(?:gewoon )?(?:blijven|doorgaan met) (?:kopen|inkopen|bestellen)\b.{0,40}(?:niets|niks)|"
    r"niets doen|niks doen|de andere kant op kijken|negeren",
    "cost_exit": r"(?:cheaper|lower (?:price|cost)|better price|less expensive|costs? less|goedkoper|"
    r"lagere? prijs|betere prijs|voordeliger)\b.{0,60}(?:switch|move|leave|exit|drop|stop|change|another|"
    r"elsewhere|overstappen|vertrekken|stoppen|weggaan|andere|elders)|(?:switch|move|leave|exit|drop|stop|"
    r"change|overstappen|vertrekken|stoppen|weggaan)\b.{0,60}(?:cheaper|lower price|better price|goedkoper|"
    r"lagere prijs|betere prijs|voordeliger|cost reasons?|kostenredenen|om de kosten)",
    "notice_period": r"notice period|period of notice|opzegtermijn|termijn (?:van|voor) (?:opzegging|afbouw)|"
    r"how (?:long|much time|fast|quickly)\b.{0,40}(?:exit|leave|phase|wind|notice|stop|end)|"
    r"hoe (?:lang|snel)\b.{0,40}(?:afbouwen|opzeggen|stoppen|vertrekken|beeindigen|uitstappen)|"
    r"(?:exit|leave|disengage|end (?:the|our) relationship|phase out)\b.{0,30}responsibl\w*|"
    r"responsibl\w* (?:exit|disengagement|way to (?:leave|exit|end))|verantwoord\w* (?:exit|afscheid|"
    r"uitstappen|vertrekken|beeindig\w*|afbouwen)|phase[- ]?out|wind down|afbouwen",
    "deep_tier": r"tier ?[2-9]|tier (?:two|three|four)|second[- ]tier|third[- ]tier|"
    r"(?:supplier|suppliers)'?s? (?:supplier|subcontractor)|sub-?contract\w*|spinning mill|spinnerij|"
    r"further (?:up|down) the chain|deeper in the chain|verderop in de keten|dieper in de keten|"
    r"toeleverancier van (?:onze|een|de) leverancier|onderaannemer\w*|we (?:only|just) buy from",
}
_PATTERNS = {name: re.compile(rf"\b(?:{cue})") for name, cue in _CUES.items()}
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?) ?(?:%|percent|procent)")
_HARM_PATTERN = re.compile(rf"\b(?:{_HARM})")
# A question about the law, not the case ("does the EUDR apply to our coffee?"): the law answer decides.
_DEFORESTATION_LAW = re.compile(r"\b(eudr|deforestation regulation|ontbossingsverordening)\b")


def situation_in(text: str) -> Optional[str]:
    """The one situation a message describes, or None."""
    folded = fold(text or "")
    hard = hard_case_in_text(text)
    involvement = involvement_in_text(text)
    harm = bool(_HARM_PATTERN.search(folded))
    for name in SITUATIONS:
        if name in _PATTERNS:
            found = bool(_PATTERNS[name].search(folded))
            if name in ("own_operations", "deep_tier"):
                found = found and harm
        elif name == "purchasing":
            found = involvement == "contributes" and harm
        else:  # a hard case the playbooks know
            found = hard == name and not (name == "deforestation" and _DEFORESTATION_LAW.search(folded))
            if name == "dependent_exit" and found:  # "we're only 0.8% of their revenue" is no dependence
                found = all(float(p.replace(",", ".")) >= DEPENDENT_SHARE for p in _PERCENT.findall(folded))
        if found:
            return name
    return None
