"""The short advice: the first answer about a supplier, then depth on request.

At most nine lines a consultant can read at a glance: who and where, the record's notes as written
(the case itself), the two or three most severe risks each with its first measure, the leverage verdict, the country line
where workers cannot organise freely, and one thing to do this week. Each part of the
full advice is a button whose payload asks the existing follow-up (actions/advice/topics.py)
for this supplier by name, so it answers the same even after the focus moved on.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from actions.advice.advice import Advice, measure_key
from actions.advice.render import Message, country_name, number, quoted_notes, sector_text
from actions.advice.wording import say
from actions.language import language_code, pick
from actions.plans import wording as plan_wording
from actions.reference import catalogue

RISKS_SHOWN = 3
FULL_ADVICE = "ask_full_advice"
SOURCES = "sources"  # the one part without a topic of its own: asked as a part of the full advice

# (button, intent answered, extra entities): the parts of the full advice in their order.
BUTTONS = (
    ("risks", "ask_prioritisation", {}),
    ("leverage", "ask_leverage", {}),
    ("country", "ask_union_restrictions", {}),
    ("schemes", "ask_certification", {}),
    ("exit", "ask_disengagement", {}),
    ("sources", FULL_ADVICE, {"advice_part": SOURCES}),
    ("plan", "make_plan", {}),
    ("full", FULL_ADVICE, {}),
)


def first_measure(code: str, advice: Advice, language: str) -> str:
    """The first thing the full advice asks for this risk: its text up to the first semicolon."""
    text = say(language, "measures", measure_key(code, advice)).split(";")[0].strip().rstrip(".")
    return text[:1].upper() + text[1:] + "."


def leverage_line(advice: Advice, language: str) -> str:
    leverage = advice.leverage
    if leverage is None or leverage.level == "unknown":
        return say(language, "short_leverage_unknown")
    facts = [say(language, "leverage_facts", "share", share=number(leverage.share_pct, language))]
    if leverage.years is not None:
        facts.append(say(language, "leverage_facts", "years", years=leverage.years))
    if leverage.tier is not None and leverage.tier >= 2:
        facts.append(say(language, "leverage_facts", "tier", tier=leverage.tier))
    return say(
        language,
        "short_leverage",
        level=say(language, "leverage_levels", leverage.level),
        facts=", ".join(facts),
        verdict=say(language, "short_leverage_verdict", leverage.level),
    )


def country_line(advice: Advice, language: str) -> Optional[str]:
    """Said at a glance only where workers cannot organise freely: prohibited by law, or ITUC 5/5+."""
    context = advice.country
    if context is None or not context.workers_restricted:
        return None
    rating = ""
    if context.rating:
        rating = say(language, "rating", year=context.rating_year or say(language, "unknown"), value=context.rating)
    return say(language, "short_country", context.kind, country=country_name(context, language), rating=rating)


def this_week_line(advice: Advice, language: str) -> str:
    """One concrete action: the first step of the plan for the most severe risk."""
    if not advice.risks:
        return say(language, "short_this_week_no_risk")
    action = plan_wording.say(language, "first_steps", measure_key(advice.risks[0].code, advice))
    return say(language, "short_this_week", action=action[:1].lower() + action[1:])


def brief_messages(advice: Advice, language: str) -> List[Message]:
    """ "In two lines?": the most urgent risk and the one thing to do this week, nothing more."""
    name = str((advice.supplier or {}).get("name", ""))
    if not advice.risks:
        return [("utter_supplier_brief_no_risk", {"supplier": name, "this_week": this_week_line(advice, language)})]
    risk = advice.risks[0]
    values = {
        "supplier": name,
        "risk": pick(language, risk.name_nl, risk.name_en),
        "severity": say(language, "tier_labels", risk.tier),
        "this_week": this_week_line(advice, language),
    }
    return [("utter_supplier_brief", values)]


NOTES_SHOWN = 240  # characters of the record's notes: the case as the company wrote it down


def notes_line(advice: Advice, language: str) -> Optional[str]:
    """The record's notes, quoted as written (they are the case: "Syrian refugee workers at a laundry")."""
    notes = " ".join(str((advice.supplier or {}).get("notes") or "").split())
    if not notes:
        return None
    shown = notes if len(notes) <= NOTES_SHOWN else notes[: NOTES_SHOWN - 1].rsplit(" ", 1)[0] + "…"
    return say(language, "short_notes", notes=quoted_notes(shown, language))


def summary_lines(advice: Advice, language: str) -> List[str]:
    notes = notes_line(advice, language)
    lines = [notes] if notes else []
    lines += [
        say(
            language,
            "short_risk_line",
            name=pick(language, risk.name_nl, risk.name_en).capitalize(),
            tier_label=say(language, "tier_labels", risk.tier),
            measure=first_measure(risk.code, advice, language),
        )
        for risk in advice.risks[:RISKS_SHOWN]
    ] or [say(language, "short_no_risk")]
    lines.append(leverage_line(advice, language))
    country = country_line(advice, language)
    if country:
        lines.append(country)
    lines.append(this_week_line(advice, language))
    return lines


def buttons(advice: Advice, language: str) -> List[Dict[str, str]]:
    """One button per part, each naming the supplier so it is answered for this one."""
    name = str((advice.supplier or {}).get("name", ""))
    result = []
    for key, intent, extra in BUTTONS:
        title = say(language, "short_buttons", key, country=country_name(advice.country, language))
        entities = {"supplier": name, **extra}
        result.append({"title": title, "payload": f"/{intent}" + json.dumps(entities, ensure_ascii=False)})
    return result


def short_advice_messages(advice: Advice, language: Optional[str]) -> List[Message]:
    language = language_code(language)
    supplier: Dict[str, Any] = advice.supplier or {}
    recorded_sector = str(supplier.get("sector") or "")
    values = {
        "supplier": str(supplier.get("name", "")),
        "country": country_name(advice.country, language),
        "city": supplier.get("city") or say(language, "unknown"),
        "sector": sector_text(catalogue.sector_codes_in(recorded_sector), recorded_sector, language),
        "summary_lines": "\n".join(summary_lines(advice, language)),
        "buttons": buttons(advice, language),
    }
    return [("utter_supplier_short", values)]
