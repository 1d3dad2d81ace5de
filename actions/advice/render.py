"""Turning advice (data) into response keys and values, in the user's language.

Each step returns (response key in domain/, values for its placeholders).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

from actions.advice.advice import Advice, CountryContext, Leverage, Risk, measure_key
from actions.advice.ncp_routing import FUNDING_CODES, NcpOption, Route, ncp_option
from actions.advice.topics import SupplierTopic
from actions.advice.wording import entry, say
from actions.language import language_code, pick, written_in_english
from actions.reference import catalogue
from actions.reference.catalogue import Agreement

Message = Tuple[str, Dict[str, Any]]


def number(value: Any, language: str = "en") -> str:
    """A figure as written in the language: "1.5" in English, "1,5" in Dutch; no trailing zeros."""
    from decimal import Decimal

    if value is None:
        return ""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",") if language_code(language) == "nl" else text


def country_name(context: Optional[CountryContext], language: str) -> str:
    if context is None:
        return say(language, "unknown")
    return pick(language, context.name_nl, context.name_en)


def risk_lines(advice: Advice, language: str) -> str:
    if not advice.risks:
        return say(language, "no_known_risks")
    lines = []
    for risk in advice.risks:
        measure = measure_key(risk.code, advice)
        lines.append(
            say(
                language,
                "risk_line",
                name=pick(language, risk.name_nl, risk.name_en).capitalize(),
                tier_label=say(language, "tier_labels", risk.tier),
                measure=say(language, "measures", measure),
            )
        )
        if risk.reasons:
            lines.append(say(language, "risk_why", reasons=severity_reasons(risk, language)))
    return "\n".join(lines)


def severity_reasons(risk: Risk, language: str) -> str:
    """Why this risk has this severity here, in one line: "irreversible; scale: high; ..."."""
    parts = []
    for key, values in risk.reasons:
        filled = dict(values)
        if "country" in filled:
            filled["country"] = catalogue.country_name(filled["country"], language)
        parts.append(say(language, "severity_reasons", key, **filled))
    return "; ".join(parts)


def leverage_text(leverage: Leverage, language: str) -> str:
    if leverage.level == "unknown":
        return say(language, "leverage", "unknown")
    facts = [say(language, "leverage_facts", "share", share=number(leverage.share_pct, language))]
    if leverage.years is not None:
        facts.append(say(language, "leverage_facts", "years", years=leverage.years))
    if leverage.tier is not None:
        key = "tier_indirect" if leverage.tier >= 2 else "tier"
        facts.append(say(language, "leverage_facts", key, tier=leverage.tier))
    return say(language, "leverage", leverage.level, facts=", ".join(facts))


def date_text(value: Optional[str], language: str) -> Optional[str]:
    """A date as read ("2021-12-31", "2022-06 (end of June 2022)") in words; None when it has no day or month."""
    import re

    found = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value or "")
    if not found:
        return None
    year, month, day = found.groups()
    month_name = entry("months", language).split()[int(month) - 1]
    return f"{int(day)} {month_name} {year}" if day else f"{month_name} {year}"


def quoted_notes(notes: str, language: str) -> str:
    """The record's free text quoted as entered; in a Dutch answer, English notes say they are not translated."""
    notes = " ".join(notes.split())
    if not notes:
        return "-"
    in_english = language_code(language) == "nl" and written_in_english(notes)
    return say(language, "notes_in_english" if in_english else "notes_as_entered", text=notes)


def sector_text(codes: Sequence[str], recorded: str, language: str) -> str:
    """The record's sector through the canonical list in the user's language; the raw text, labelled, otherwise."""
    names = [catalogue.sector(code).name(language) for code in codes if catalogue.sector(code)]
    if names:
        return ", ".join(names)
    return say(language, "as_recorded", text=recorded) if recorded else say(language, "unknown")


def route_line(agreement: Agreement, language: str) -> str:
    since = date_text(agreement.signed, language)
    return say(
        language,
        "route_line",
        name=agreement.name(language),
        since=say(language, "route_since", date=since) if since else "",
        website=agreement.website or say(language, "website_not_in_data"),
    )


def agreement_lines(ended_agreements: List[Agreement], current_routes: List[Agreement], language: str) -> List[str]:
    """Ended agreements said to have ended (never offered), then what runs now."""
    lines = []
    for agreement in ended_agreements:
        ended = date_text(agreement.ended, language) or say(language, "end_date_not_in_data")
        lines.append(say(language, "agreement_ended", name=agreement.name(language), date=ended))
    if current_routes:
        lines.append(say(language, "current_routes"))
        lines.extend(route_line(route, language) for route in current_routes)
    return lines


def increase_text(advice: Advice, language: str) -> str:
    lines = agreement_lines(advice.ended_agreements, advice.current_routes, language)
    return "\n".join([say(language, "leverage_increase"), *lines])


def agreement_status_messages(
    ended_agreements: List[Agreement], current_routes: List[Agreement], language: Optional[str]
) -> List[Message]:
    """ "Is the textile covenant still running?": the agreements for the sector named, with their status."""
    lines = agreement_lines(ended_agreements, current_routes, language_code(language))
    return [("utter_agreement_status", {"agreement_lines": "\n".join(lines)})]


def country_text(context: Optional[CountryContext], language: str) -> str:
    name = country_name(context, language)
    if context is None:
        return say(language, "country", "unknown", country=name)
    rating = ""
    if context.rating:
        rating = say(language, "rating", year=context.rating_year or say(language, "unknown"), value=context.rating)
    return say(language, "country", context.kind, country=name, rating=rating, year=context.rating_year or "")


def scheme_lines(advice: Advice, language: str) -> str:
    supplier = advice.supplier or {}
    held = supplier.get("certifications") or []
    lines = []
    if held:
        lines.append(say(language, "schemes_held", supplier=supplier.get("name", ""), names=", ".join(held)))
    elif advice.supplier:  # "what certifications do they have?" is answered too: none recorded
        lines.append(say(language, "schemes_none_held", supplier=supplier.get("name", "")))
    if not advice.schemes:
        return "\n".join([*lines, say(language, "no_scheme")])
    for scheme in advice.schemes:
        kind = entry("scheme_kinds").get(scheme.kind)
        lines.append(
            say(
                language,
                "scheme_line",
                name=scheme.name,
                kind=kind[language] if kind else scheme.kind,
                website=scheme.website or say(language, "website_not_in_data"),
            )
        )
    lines.append(say(language, "scheme_caution"))
    return "\n".join(lines)


def partners_text(advice: Advice, language: str) -> str:
    parts = [say(language, "partners", key) for key in advice.partners]
    if advice.initiatives:
        parts.append(say(language, "partners", "initiatives", names=", ".join(advice.initiatives[:2])))
    return say(language, "partners_line", partners="; ".join(parts))


def source_lines(advice: Advice, language: str) -> str:
    lines, seen = [], set()
    for kind, name, url in advice.sources:
        if url in seen:  # Fair Wear is both the current route and a fitting scheme: one source line
            continue
        seen.add(url)
        if kind == "agreement":
            name = catalogue.agreement_named(name).name(language)
        label = say(language, "source_labels", kind, country=country_name(advice.country, language), name=name)
        lines.append(say(language, "source_line", what=label, url=url))
    guidance = catalogue.link("oecd_due_diligence")
    lines.append(say(language, "source_line", what=guidance.title(language), url=guidance.url))
    return "\n".join(lines)


def supplier_messages(advice: Advice, language: Optional[str]) -> List[Message]:
    language = language_code(language)
    supplier = advice.supplier or {}
    name = str(supplier.get("name", ""))
    audit = supplier.get("last_audit_date")
    summary = {
        "supplier": name,
        "country": country_name(advice.country, language),
        "city": supplier.get("city") or say(language, "unknown"),
        "sector": sector_text(
            catalogue.sector_codes_in(str(supplier.get("sector") or "")), str(supplier.get("sector") or ""), language
        ),
        "products": str(supplier.get("products") or "").replace(";", ", ") or say(language, "not_recorded"),
        "audit": date_text(audit.isoformat(), language) if audit else say(language, "none_given"),
        "notes": quoted_notes(str(supplier.get("notes") or ""), language),
    }
    return [
        ("utter_supplier_summary", summary),
        ("utter_supplier_risks", {"supplier": name, "risk_lines": risk_lines(advice, language)}),
        (
            "utter_supplier_leverage",
            {
                "supplier": name,
                "leverage_text": leverage_text(advice.leverage, language),
                "increase_text": increase_text(advice, language),
            },
        ),
        (
            "utter_country_context",
            {"country": summary["country"], "country_text": country_text(advice.country, language)},
        ),
        ("utter_fitting_schemes", {"supplier": name, "scheme_lines": scheme_lines(advice, language)}),
        (
            "utter_supplier_people",
            {
                "supplier": name,
                "owner_text": say(language, "owner", supplier=name),
                "partners_text": partners_text(advice, language),
            },
        ),
        (
            "utter_supplier_disengagement",
            {"supplier": name, "disengagement_text": say(language, "disengagement", advice.disengagement)},
        ),
        ("utter_advice_sources", {"source_lines": source_lines(advice, language)}),
    ]


def _top_risk(advice: Advice, language: str) -> Tuple[str, str]:
    """The most severe recorded risk's name and its measure."""
    risk = advice.risks[0]
    return pick(language, risk.name_nl, risk.name_en), say(language, "measures", measure_key(risk.code, advice))


def is_enough_text(advice: Advice, language: str) -> str:
    supplier = advice.supplier or {}
    name = str(supplier.get("name", ""))
    if not advice.risks:
        return say(language, "is_enough_no_risk", supplier=name)
    risk, measure = _top_risk(advice, language)
    certifications = supplier.get("certifications") or []
    certified = say(language, "is_enough_certified", certifications=", ".join(certifications)) if certifications else ""
    return say(
        language, "is_enough", supplier=name, risk=risk, certified=certified, measure=measure[0].upper() + measure[1:]
    )


def alternatives_text(advice: Advice, language: str) -> str:
    name = str((advice.supplier or {}).get("name", ""))
    partners = "; ".join(say(language, "partners", key) for key in advice.partners) or say(language, "unknown")
    deeper = ""
    if advice.risks:
        risk, measure = _top_risk(advice, language)
        deeper = say(language, "alternatives_deeper", risk=risk.lower(), measure=measure)
    return say(
        language,
        "alternatives",
        supplier=name,
        deeper=deeper,
        increase=increase_text(advice, language),
        partners=partners,
        exit=say(language, "disengagement", advice.disengagement or "moderate"),
    )


def costs_text(advice: Advice, language: str) -> str:
    supplier = advice.supplier or {}
    spend = supplier.get("annual_spend_eur")
    share = supplier.get("share_pct")
    return say(
        language,
        "costs",
        supplier=str(supplier.get("name", "")),
        spend=say(language, "record_values", "spend", amount=amount(spend, language))
        if spend is not None
        else say(language, "not_recorded"),
        share=say(language, "record_values", "share", share=number(share, language))
        if share is not None
        else say(language, "not_recorded"),
    )


def this_week_text(advice: Advice, language: str) -> str:
    name = str((advice.supplier or {}).get("name", ""))
    level = advice.leverage.level if advice.leverage else "unknown"
    step = say(language, "this_week_leverage", level)
    if not advice.risks:
        return say(language, "this_week_no_risk", supplier=name, leverage_step=step)
    risk, measure = _top_risk(advice, language)
    return say(language, "this_week", supplier=name, risk=risk, measure=measure, leverage_step=step)


# Parts that answer a follow-up about the supplier in focus but are not in the full advice.
FOLLOW_UP_PARTS = {
    "utter_supplier_this_week": lambda advice, language: {"text_body": this_week_text(advice, language)},
    "utter_supplier_is_enough": lambda advice, language: {"text_body": is_enough_text(advice, language)},
    "utter_supplier_alternatives": lambda advice, language: {"text_body": alternatives_text(advice, language)},
    "utter_supplier_costs": lambda advice, language: {"text_body": costs_text(advice, language)},
    "utter_supplier_partners": lambda advice, language: {"partners_text": partners_text(advice, language)},
}

# Parts of the full advice that can be asked for on their own (a button of the short advice).
FULL_ADVICE_PARTS = {"sources": "utter_advice_sources"}


def full_advice_messages(advice: Advice, language: Optional[str], part: Optional[str] = None) -> List[Message]:
    """The full advice, or only the part named (e.g. its sources); an unknown part gives all of it."""
    messages = supplier_messages(advice, language)
    wanted = FULL_ADVICE_PARTS.get(part or "")
    return [m for m in messages if m[0] == wanted] if wanted else messages


def supplier_topic_messages(advice: Advice, topic: SupplierTopic, language: Optional[str]) -> List[Message]:
    """The parts of the supplier's advice that answer a follow-up topic (general responses as they are)."""
    language = language_code(language)
    full = dict(supplier_messages(advice, language))
    name = str((advice.supplier or {}).get("name", ""))
    messages: List[Message] = []
    for part in topic.parts:
        if part in full:
            messages.append((part, full[part]))
        elif part in FOLLOW_UP_PARTS:
            messages.append((part, {"supplier": name, **FOLLOW_UP_PARTS[part](advice, language)}))
        else:
            messages.append((part, {}))
    return messages


def amount(value: Any, language: str) -> str:
    """EUR amounts as people read them: 1,250,000 in English, 1.250.000 in Dutch."""
    from decimal import Decimal

    number = Decimal(str(value)).quantize(Decimal(1))
    text = f"{number:,}"
    return pick(language, text.replace(",", "."), text)


def country_messages(advice: Advice, language: Optional[str]) -> List[Message]:
    language = language_code(language)
    name = country_name(advice.country, language)
    what = sector_text(advice.sector_codes, advice.sector, language) if advice.sector else say(language, "none_given")
    messages: List[Message] = [
        ("utter_country_advice_intro", {"country": name, "sector": what}),
        ("utter_country_context", {"country": name, "country_text": country_text(advice.country, language)}),
    ]
    if advice.risks:
        messages.append(("utter_country_risks", {"country": name, "risk_lines": risk_lines(advice, language)}))
    else:
        messages.append(("utter_country_no_risk", {"country": name}))
    messages.append(("utter_country_leverage", {"increase_text": increase_text(advice, language)}))
    if advice.schemes:
        messages.append(("utter_fitting_schemes", {"supplier": name, "scheme_lines": scheme_lines(advice, language)}))
    messages.append(("utter_advice_sources", {"source_lines": source_lines(advice, language)}))
    return messages


def ncp_line(option: NcpOption, language: str, country: str, email_asked: bool = False) -> str:
    """One NCP with its contact as the reference data has it; unverified rows point to the OECD list."""
    directory = catalogue.link("oecd_ncp_directory").url
    role = say(language, "ncp_roles", option.role, country=country)
    if option.has_contact:
        contact = option.website or ""
        if option.email:
            contact = (contact + say(language, "ncp_email", email=option.email)).lstrip(", ")
        elif email_asked:
            contact += say(language, "ncp_no_email")
    elif option.verified:
        contact = say(language, "ncp_contact_not_in_data", directory=directory)
    else:
        contact = say(language, "ncp_contact_unverified", directory=directory)
    name = option.name if option.verified and option.name else say(language, "ncp_unnamed")
    return say(language, "ncp_line", role=role, name=name, contact=contact)


def ncp_contact_messages(countries: List[str], language: Optional[str]) -> List[Message]:
    """ "The e-mail of the Turkish NCP?": each NCP asked about with what the reference data holds."""
    language = language_code(language)
    directory = catalogue.link("oecd_ncp_directory").url
    lines = []
    for iso2 in countries:
        option = ncp_option("asked", iso2)
        country = catalogue.country_name(iso2, language)
        if option is None:
            lines.append(say(language, "ncp_not_listed", country=country, directory=directory))
        else:
            lines.append(ncp_line(option, language, country, email_asked=True))
    return [("utter_ncp_contacts", {"ncp_lines": "\n".join(lines), "directory": directory})]


def ncp_messages(route: Route, language: Optional[str]) -> List[Message]:
    language = language_code(language)

    def name_of(iso2: str) -> str:
        return catalogue.country_name(iso2, language)

    directory = catalogue.link("oecd_ncp_directory").url
    lines = []
    if route.harm_country_not_listed:
        lines.append(say(language, "ncp_not_listed", country=name_of(route.harm_country), directory=directory))
    for option in route.options:
        lines.append(ncp_line(option, language, name_of(option.iso2)))
    if not route.options:
        lines.append(say(language, "no_option", directory=directory))
    messages: List[Message] = [("utter_ncp_route", {"ncp_lines": "\n".join(lines)})]
    if route.government:
        contact_lines = []
        for contact in route.government:
            contact_name = contact.name(language)
            key = "government_line" if contact.website else "government_line_no_site"
            contact_lines.append(say(language, key, name=contact_name, website=contact.website or ""))
        messages.append(
            (
                "utter_ncp_route_government",
                {
                    "funding": say(
                        language, "funding_names", route.funding if route.funding in FUNDING_CODES else "other"
                    ),
                    "harm_country": name_of(route.harm_country),
                    "contact_lines": "\n".join(contact_lines),
                },
            )
        )
    return messages
