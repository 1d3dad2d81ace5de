"""Wording answers about the records themselves: a record's fields, two suppliers compared,
and where to act first. Each returns (response key in domain/advice.yml, values)."""

from __future__ import annotations

import datetime as dt
from typing import List, Optional, Sequence, Tuple

from actions.advice.priority import Comparison, Priority
from actions.advice.record import WHOLE_RECORD
from actions.advice.render import Message, amount, date_text, number
from actions.advice.wording import say
from actions.language import language_code, pick, written_in_english
from actions.records.models import Supplier
from actions.reference import catalogue


def _risk_names(codes: Sequence[str], language: str) -> str:
    names = [t.name(language) for t in map(catalogue.risk_type, codes) if t]
    return ", ".join(names)


def field_value(supplier: Supplier, field: str, language: str, today: Optional[dt.date] = None) -> str:
    """One field of the record in the user's language; "not recorded" when empty, never a guess."""
    missing = say(language, "not_recorded")
    if field == "country":
        return catalogue.country_name(supplier.country_iso2, language)
    if field == "notes":  # free text as the company typed it, in whatever language: quoted, not translated
        notes = " ".join((supplier.notes or "").split())
        if not notes:
            return missing
        other_language = language_code(language) == "nl" and written_in_english(notes)
        return say(language, "notes_in_english" if other_language else "notes_as_entered", text=notes)
    if field in ("city", "sector", "products"):
        value = getattr(supplier, field) or ""
        return value.replace(";", ", ") if value.strip() else missing
    if field == "contact":
        return supplier.contact_person or missing
    if field == "contact_details":  # the supplier list has no column for them: never guessed
        return missing
    if field == "spend":
        value = supplier.annual_spend_eur
        return missing if value is None else say(language, "record_values", "spend", amount=amount(value, language))
    if field == "share":
        value = supplier.share_of_supplier_revenue_pct
        return missing if value is None else say(language, "record_values", "share", share=number(value, language))
    if field == "years":
        value = supplier.relationship_years
        return missing if value is None else say(language, "record_values", "years", years=value)
    if field == "tier":
        value = supplier.tier
        if value is None:
            return missing
        return say(language, "record_values", "tier_direct" if value <= 1 else "tier_indirect", tier=value)
    if field == "certifications":
        return ", ".join(supplier.certification_list) or missing
    if field == "risks":
        return _risk_names(supplier.risk_codes, language) or missing
    if field == "audit":
        date = supplier.last_audit_date
        if date is None:
            return missing
        months = ((today or dt.date.today()) - date).days * 12 // 365
        written = date_text(date.isoformat(), language)
        return say(language, "record_values", "audit_age", date=written, months=max(months, 0))
    raise ValueError(f"unknown record field {field}")


def record_messages(supplier: Supplier, fields: Sequence[str], language: Optional[str]) -> List[Message]:
    """The asked fields of a record, or all of them when none was named."""
    language = language_code(language)
    wanted = list(fields) or list(WHOLE_RECORD)
    lines = [
        say(
            language,
            "record_line",
            label=say(language, "record_fields", field),
            value=field_value(supplier, field, language),
        )
        for field in wanted
    ]
    country = catalogue.country_name(supplier.country_iso2, language)
    return [
        ("utter_supplier_record", {"supplier": supplier.name, "country": country, "record_lines": "\n".join(lines)})
    ]


def _risk_summary(priority: Priority, language: str) -> Tuple[str, str]:
    if not priority.risks:
        return say(language, "no_recorded_risk"), say(language, "unknown")
    top = priority.top_risk
    return pick(language, top.name_nl, top.name_en), say(language, "tier_labels", top.tier)


def compare_messages(comparison: Comparison, language: Optional[str], by_share: bool = False) -> List[Message]:
    """Which of two first and why; `by_share` ("which one are we more important to?") answers that first."""
    language = language_code(language)
    first, second = comparison.first, comparison.second
    first_risk, first_tier = _risk_summary(first, language)
    second_risk, second_tier = _risk_summary(second, language)
    reason = say(
        language,
        "compare_reasons",
        comparison.reason,
        first=first.facts.name,
        second=second.facts.name,
        first_risk=first_risk,
        first_tier=first_tier,
        second_risk=second_risk,
        second_tier=second_tier,
        first_count=first.severe_count,
        second_count=second.severe_count,
        first_leverage=say(language, "leverage_levels", first.leverage.level),
        second_leverage=say(language, "leverage_levels", second.leverage.level),
    )
    lines = [_rank_line(place, p, language) for place, p in ((1, first), (2, second))]
    lead = _share_lead(first, second, language) if by_share else ""
    values = {"lead": lead, "first": first.facts.name, "reason": reason, "lines": "\n".join(lines)}
    return [("utter_supplier_compare", values)]


def _share_lead(first: Priority, second: Priority, language: str) -> str:
    shares = [(p.facts.share_pct, p.facts.name) for p in (first, second)]
    if any(share is None for share, _ in shares) or shares[0][0] == shares[1][0]:
        return ""
    (larger_share, larger), (smaller_share, smaller) = sorted(shares, reverse=True)
    return say(
        language,
        "compare_share",
        larger=larger,
        smaller=smaller,
        larger_share=say(language, "record_values", "share", share=number(larger_share, language)),
        smaller_share=say(language, "record_values", "share", share=number(smaller_share, language)),
    )


def _rank_line(place: int, priority: Priority, language: str) -> str:
    share = priority.facts.share_pct
    risks = [
        say(
            language,
            "risk_with_tier",
            name=pick(language, r.name_nl, r.name_en),
            tier=say(language, "tier_labels", r.tier),
        )
        for r in priority.risks[:3]
    ]
    return say(
        language,
        "rank_line",
        place=place,
        name=priority.facts.name,
        country=catalogue.country_name(priority.facts.country_iso2, language),
        risks=", ".join(risks) or say(language, "no_recorded_risk"),
        leverage=say(language, "leverage_levels", priority.leverage.level),
        share=say(language, "rank_share", share=number(share, language)) if share is not None else "",
    )


def rank_messages(ranked: Sequence[Priority], total: int, language: Optional[str], filters: str = "") -> List[Message]:
    """Where to act first among `total` suppliers (those the `filters` words describe, when given)."""
    language = language_code(language)
    if not ranked:
        return [("utter_supplier_list_empty", {"filters": filters})]
    lines = [_rank_line(place, priority, language) for place, priority in enumerate(ranked, start=1)]
    values = {"count": len(ranked), "total": total, "filters": filters, "lines": "\n".join(lines)}
    return [("utter_rank_suppliers", values)]
