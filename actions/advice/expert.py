"""Reading the user's words for the expert topics: how the company is involved in a harm (OECD:
cause, contribute, directly linked), which hard case a question is about, and whether an NCP
complaint is filed against the company itself. Plain data; the answers are in domain/expert.yml."""

from __future__ import annotations

import re
from typing import Optional

from actions.language import fold

INVOLVEMENTS = ("causes", "contributes", "linked")

# Cues per involvement, as buyers describe their situation (folded: lower case, no accents).
_INVOLVEMENT_CUES = {
    "causes": r"we (?:cause|caused|are causing)|(?:cause|caused) (?:it|the harm) (?:ourselves|directly)|"
    r"our own (?:factory|site|warehouse|staff|employees|workers|operations|plantation)|"
    r"wij veroorzaken|we veroorzaken|(?:zelf|direct) veroorzaakt|onze eigen (?:fabriek|vestiging|medewerkers|"
    r"werknemers|magazijn|plantage|locatie)|in ons eigen (?:bedrijf|magazijn)",
    "contributes": r"contribut\w*|our (?:own )?(?:prices|price|purchasing practices|buying practices|lead ?times?|"
    r"deadlines|order changes|orders changed)|late (?:order )?changes|last[- ]minute (?:orders?|changes)|"
    r"chang\w* (?:our |the |their |its )?orders? (?:\w+ ){0,2}(?:at the )?(?:last[- ]minute|late)|"
    r"short lead ?times?|price pressure|squeez\w+ (?:the )?(?:price|supplier)|"
    r"bijdragen|bijdrage|dragen (?:we |wij )?bij|onze (?:eigen )?(?:inkoop)?(?:prijzen|prijs|levertijden|"
    r"inkooppraktijken|deadlines|orderwijzigingen)|late (?:order)?wijzigingen|wijzigingen op het laatste moment|"
    r"korte levertijden?|prijsdruk|last[- ]minute (?:orders?|wijzigingen)|op het laatste moment|"
    r"orders? (?:\w+ )?(?:gewijzigd|veranderd|aangepast|omgegooid)|prijs\w* (?:\w+ )?(?:omlaag|verlaagd|gedrukt)|"
    r"(?:pushed|drove|forced|squeezed|cut|lowered|reduced) (?:the |our |their )?(?:unit )?prices?|"
    r"prices? (?:cuts?|reductions?|down)|rush orders?|spoedorders?",
    "linked": r"directly linked|direct(?:ly)? connected|only linked|linked through|"
    r"(?:supplier|suppliers)'?s? (?:supplier|subcontractor)|sub-?contractor|further (?:up|down) the chain|"
    r"we (?:only|just) buy|nothing to do with (?:it|us)|not our (?:doing|fault)|"
    r"direct verbonden|direct gelinkt|alleen verbonden|toeleverancier van (?:onze|een) leverancier|"
    r"onderaannemer|verderop in de keten|(?:we|wij) kopen (?:alleen|enkel|gewoon)|niets mee te maken",
}


# Words of a question about remedy or grievance mechanisms (folded).
_REMEDY_WORDS = re.compile(
    r"\b(remed\w*|remediat\w*|compensat\w*|grievance\w*|complain\w*|back ?pay|make (it )?good|redress|"
    r"herstel\w*|compens\w*|schadeloos|vergoed\w*|achterstallig\w*|klacht\w*|genoegdoening)"
)


def asks_about_remedy(text: str) -> bool:
    return bool(_REMEDY_WORDS.search(fold(text or "")))


def involvement_in_text(text: str) -> Optional[str]:
    """The one involvement the message describes; None when it names none or several (then the bot asks)."""
    folded = fold(text or "")
    found = [kind for kind in INVOLVEMENTS if re.search(rf"\b(?:{_INVOLVEMENT_CUES[kind]})", folded)]
    return found[0] if len(found) == 1 else None


HARD_CASES = ("state_forced_labour", "conflict_areas", "smallholder_child_labour", "deforestation", "dependent_exit")

_CHILD = r"child|children|kids?|kinder\w*|minors?|minderjarig\w*"
_SMALLHOLDER = (
    r"smallholders?|small ?farms?|family farms?|farmers?|cocoa|cacao|hazelnuts?|hazelnoten|cooperatives?|"
    r"cooperaties?|coops?|kleine boeren|boeren|boerderijen|boerenfamilies|kleinschalige|clmrs|plantages?"
)
_HARD_CASE_CUES = {
    "state_forced_labour": r"xinjiang|uyghurs?|uighurs?|oeigoer\w*|state[- ]imposed|state[- ]sponsored|"
    r"state[- ]organi[sz]ed|(?:imposed|organi[sz]ed|run) by the (?:state|government)|staatsdwangarbeid|"
    r"dwangarbeid (?:door|van) de (?:staat|overheid)|(?:opgelegd|georganiseerd) door de (?:staat|overheid)|"
    r"labou?r transfers?|arbeidstransfers?|turkmen\w*",
    "conflict_areas": r"conflict[- ]affected|conflict ?(?:zones?|areas?|regions?)|high[- ]risk areas?|cahras?|"
    r"war ?zones?|armed (?:conflict|groups?)|militias?|civil war|conflictgebied\w*|conflictzones?|"
    r"oorlogsgebied\w*|gewapend\w* (?:conflict|groep\w*)|burgeroorlog|milities?|hoog[- ]risicogebied\w*|oorlog",
    "deforestation": r"deforest\w*|ontbos\w*|eudr|geolocat\w*|geolocatie|cut-?off date|peildatum|"
    r"rain ?forest|regenwoud|forest clearing|zero[- ]deforestation|bos(?:sen)? gekapt|kappen van (?:bos|regenwoud)",
    "dependent_exit": r"(?:depends?|dependent|relies|reliant) (?:entirely |heavily |completely )?on us|"
    r"(?:afhankelijk|afhangt) (?:is )?van ons|van ons afhankelijk|van ons afhangt|"
    r"(?:we are|we're) (?:their|its) (?:biggest|largest|main|only|major) (?:customer|buyer|client)|"
    r"(?:wij zijn|we zijn) (?:hun|zijn) (?:grootste|enige|belangrijkste) (?:klant|afnemer)|"
    r"(?:most|half|\d+ ?%) of (?:their|its) (?:revenue|turnover|production|orders)|"
    r"(?:groot deel|meeste|helft|\d+ ?%) van (?:hun|zijn) (?:omzet|productie|orders)",
}


def hard_case_in_text(text: str) -> Optional[str]:
    """The hard case a message is about (the first in HARD_CASES order when it names several)."""
    folded = fold(text or "")
    for case in HARD_CASES:
        if case == "smallholder_child_labour":
            if re.search(r"\bclmrs\b", folded) or (
                re.search(rf"\b(?:{_CHILD})", folded) and re.search(rf"\b(?:{_SMALLHOLDER})", folded)
            ):
                return case
        elif re.search(rf"\b(?:{_HARD_CASE_CUES[case]})", folded):
            return case
    return None


_AGAINST_US = re.compile(
    r"\b(?:against (?:us|our (?:company|firm|business))|tegen (?:ons|onze (?:onderneming|organisatie)|"
    r"ons bedrijf)|(?:we|wij) (?:are|have been|zijn|worden) (?:being )?(?:named|accused|reported|aangeklaagd|"
    r"beschuldigd|gemeld))"
)


def complaint_against_us(text: str) -> bool:
    """An NCP question about a complaint filed against the company itself, not one it wants to file."""
    return bool(_AGAINST_US.search(fold(text or "")))
