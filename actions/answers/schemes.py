"""Schemes for what the question names, not only for the supplier's recorded sector.

"And for the soy we will buy?" gets the schemes for soy (RTRS, ProTerra from the reference); "is their certificate
enough for the land conflict?" says, per certificate the supplier holds, whether its standard covers land rights,
and that a certificate does not settle a case by itself."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import access
from actions.advice.advice import advise_country
from actions.advice.render import scheme_lines
from actions.advice.wording import entry, say
from actions.answers.supplier import focus_events, meant_supplier, with_supplier_meant
from actions.common import RecordsUnavailable, records
from actions.language import fold
from actions.records.supplier_filters import scheme_named
from actions.reference import catalogue
from actions.turn import Turn

SCHEME_WORDS = re.compile(r"\b(certif\w*|keurmerk\w*|schemes?|labels?|standards?|initiative\w*|initiatie\w*)")
THEIR = re.compile(r"\b(their|they|them|hun|hebben ze|ze hebben)\b")
EXPLAIN = re.compile(
    r"\b(helps?|helpt|works?|werkt|what('s| is| does)|whats|wat (is|doet|betekent|houdt)|explain|uitleg|leg .{0,20}uit|meaning|betekenis|"
    r"cover\w*|dekt|about|over|is that|is dat|tell me)\b"
)
LABOUR = re.compile(
    r"\b(labou?r|workers?|working conditions|human rights|arbeid\w*|werknemers|mensenrechten|sociale?)\b"
)
LABOUR_RISKS = frozenset(
    {
        "forced_labour",
        "child_labour",
        "working_hours",
        "living_wage",
        "health_safety",
        "freedom_of_association",
        "discrimination",
    }
)
ENOUGH = re.compile(r"\b(enough|sufficient|suffice|cover\w*|genoeg|voldoende|afdoende|dekt|volstaat)\b")
# "and for the soy?", "en voor de cacao die we gaan kopen?": a short follow-up that names another commodity
FOR_ANOTHER = re.compile(r"^\W*(and|en|what about|how about|en hoe zit het met|wat betreft|also|ook)\b")


def asks_schemes_for_commodity(turn: Turn) -> bool:
    """A commodity named and schemes asked for it, or a short "and for the soy?" after a scheme answer."""
    if not turn.sector or turn.named or turn.payload:
        return False
    if SCHEME_WORDS.search(turn.folded) or turn.intent == "ask_certification":
        return True
    after_schemes = any(r in ("utter_fitting_schemes", "utter_certification") for r in turn.last_responses)
    return after_schemes and bool(FOR_ANOTHER.search(turn.folded)) and len(turn.folded.split()) <= 12


def risks_asked(turn: Turn) -> List[str]:
    """The risks the message names: the NLU's, else those in the text ("the land conflict")."""
    return list(turn.risks) or catalogue.risk_codes_in(turn.text)


MASS_BALANCE = re.compile(r"\b(mass ?balance|massabalans|book ?and ?claim|credits?)\b")


def asks_if_certificate_is_enough(turn: Turn) -> bool:
    """ "Is their RSPO certificate enough for the land conflict?" about the supplier in focus or named."""
    return bool(
        risks_asked(turn)
        and ENOUGH.search(turn.folded)
        and SCHEME_WORDS.search(turn.folded)
        and (turn.focus is not None or turn.named)
    )


# "ze hebben allebei RBA, wat zegt dat eigenlijk?": what the scheme itself says, also about their certificate
MEANING = re.compile(
    r"\b(wat zegt (dat|het|die)|what does (that|it)( \w+)? (say|mean|tell)|wat betekent (dat|het|die)|"
    r"what is (that|it) worth|wat is (dat|het|die) waard|what('s| is) that)\b"
)


def scheme_asked(turn: Turn) -> Optional[Any]:
    """The reference scheme a question asks about ("whats fsc", "MSC - does that cover labour conditions?")."""
    meaning = MEANING.search(turn.folded)
    if turn.named or turn.payload or (THEIR.search(turn.folded) and not meaning):
        return None  # "covered by their BSCI audit?" is about the case
    name = scheme_named(turn.text, {s.name for s in catalogue.schemes()})
    if not name or not (meaning or EXPLAIN.search(turn.folded) or len(turn.folded.split()) <= 4):
        return None
    return next(s for s in catalogue.schemes() if s.name == name)


def explain_scheme(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """What a scheme is and covers (from the reference), and whether it covers the risk or labour asked about."""
    _explain(dispatcher, scheme_asked(turn), list(turn.risks), turn.language, bool(LABOUR.search(turn.folded)))
    return []


def _explain(dispatcher: CollectingDispatcher, scheme: Any, risks: List[str], language: str, labour: bool) -> None:
    kind = entry("scheme_kinds").get(scheme.kind)
    lines = []
    for code in risks:
        risk = catalogue.risk_type(code)
        covered = "covers" if code in scheme.risks else "not_covered"
        lines.append(
            say(language, "scheme_covers", covered, scheme=scheme.name, risk=risk.name(language) if risk else code)
        )
    if not risks and labour:
        covered = "labour" if LABOUR_RISKS & set(scheme.risks) else "no_labour"
        lines.append(say(language, "scheme_covers", covered, scheme=scheme.name, risk=""))
    dispatcher.utter_message(
        response="utter_scheme_explained",
        scheme=scheme.name,
        kind=kind[language] if kind else scheme.kind,
        covers=scheme.covers,
        website=scheme.website or say(language, "website_not_in_data"),
        cover_lines="".join("\n" + line for line in lines),
    )


# "enough" asked of a scheme; not "covered by their audit?" (whether the audit looked at an issue is a record question)
SCHEME_ENOUGH = re.compile(r"\b(enough|sufficient|suffice|genoeg|voldoende|afdoende|volstaat)\b")


def scheme_enough_asked(turn: Turn) -> Optional[Any]:
    """ "Is their RMAP enough?", "volstaat Fairtrade?": the scheme named in a question whether it is enough."""
    if turn.payload or not SCHEME_ENOUGH.search(turn.folded):
        return None
    name = scheme_named(turn.text, {s.name for s in catalogue.schemes()})
    return next((s for s in catalogue.schemes() if s.name == name), None) if name else None


def scheme_enough(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Not on its own; what the scheme covers, per risk asked about or recorded for the supplier meant, and what
    helps besides."""
    scheme = scheme_enough_asked(turn)
    risks = risks_asked(turn)
    events: List[Dict[str, Any]] = []
    if not risks:  # none named: those recorded for the supplier meant
        events = with_supplier_meant(dispatcher, tracker, turn, lambda supplier: risks.extend(supplier.risk_codes))
    dispatcher.utter_message(response="utter_scheme_not_enough", scheme=scheme.name)
    _explain(dispatcher, scheme, risks, turn.language, bool(LABOUR.search(turn.folded)))
    dispatcher.utter_message(response="utter_scheme_what_helps")
    return events


def commodity_schemes(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """The schemes for the commodity named (for the risks named, when any)."""
    sector = catalogue.sector(turn.sector or "")
    country = next(iter(turn.countries_named), None)
    advice = advise_country(country, turn.sector or "", list(turn.risks))
    name = sector.name(turn.language) if sector else turn.sector
    dispatcher.utter_message(
        response="utter_fitting_schemes", supplier=name, scheme_lines=scheme_lines(advice, turn.language)
    )
    return []


def _scheme_of(name: str) -> Optional[Any]:
    """The reference scheme a held certificate is ("RSPO" -> RSPO (Roundtable …))."""
    folded = fold(name)
    return next((s for s in catalogue.schemes() if fold(s.name).startswith(folded)), None)


def certificate_enough(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Per certificate held: does its standard cover the risk named; then what a certificate cannot do."""
    language = turn.language
    if not access.allowed(dispatcher, tracker, language, turn.question):
        return []
    try:
        with records(dispatcher) as session:
            supplier = meant_supplier(session, turn)
            if supplier is None:
                dispatcher.utter_message(response="utter_is_enough")
                return []
            access.audit(session, tracker, "supplier_topic", supplier)
            asked = risks_asked(turn)[0]
            risk = catalogue.risk_type(asked)
            risk_name = risk.name(language) if risk else asked
            lines = []
            for held in supplier.certification_list:
                scheme = _scheme_of(held)
                if scheme is None:
                    lines.append(say(language, "enough_lines", "unknown", scheme=held, risk=risk_name))
                elif asked in scheme.risks:
                    lines.append(say(language, "enough_lines", "covers", scheme=held, risk=risk_name))
                else:
                    lines.append(say(language, "enough_lines", "not_covered", scheme=held, risk=risk_name))
            if not lines:
                lines.append(say(language, "enough_lines", "none_held", supplier=supplier.name))
            dispatcher.utter_message(
                response="utter_certificate_enough",
                supplier=supplier.name,
                risk=risk_name,
                enough_lines="\n".join(lines),
            )
            if MASS_BALANCE.search(turn.folded):  # the supply model says what the certificate claims at all
                dispatcher.utter_message(response="utter_mass_balance")
            return focus_events(tracker, supplier.id, supplier.name)
    except RecordsUnavailable:
        return []
