"""Plans in the conversation, as plain Python: reading an edit from a message, and the response keys
and values to send (domain/plans.yml). The rasa_sdk actions (actions/plan_actions.py) only call these.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from actions.advice.render import date_text
from actions.language import fold, language_code, pick
from actions.plans.owner import EMAIL_LEAD, parse_owner
from actions.plans.pdf import can_print
from actions.plans.validation import email_in, parse_date
from actions.plans.wording import say
from actions.records.plan_models import ActionPlan, PlanMeasure
from actions.reference import catalogue

Message = Tuple[str, Dict[str, Any]]
LOCAL_SCHEME = "http"  # the chat page on this machine (web/serve.py); WEB_PUBLIC_URL names it for others

# What a message asks of a measure (English and Dutch, folded). "open again" is checked first, "done" last,
# so "mark it as done" is done and "reopen" is not read as open work in progress.
STATUS_WORDS = (
    (
        "open",
        r"\b(reopen|re-open|open again|back to open|weer open|heropen|back to planned|to planned|not started|nog niet begonnen|terug naar gepland|op gepland|to do\b)",
    ),
    ("dropped", r"\b(drop|dropped|remove|delete|cancel|scrap|schrap|vervall?en|laat\b.*\bvallen|verwijder)"),
    ("in_progress", r"\b(in progress|started|starting|begun|working on|bezig|begonnen|gestart|loopt)"),
    ("done", r"\b(done|finished|completed?|closed|tick|klaar|afgerond|gedaan|vink\b.*\baf|afvinken|voltooid)"),
)
MEASURE_NUMBER = re.compile(r"\b(?:measure|maatregel|number|nummer|nr\.?|no\.?)\s*#?(\d{1,2})\b")
ORDINAL_MEASURE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|e|ste|de)?\s+(?:measure|maatregel)")
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "last": -1}
ORDINAL_WORDS.update({"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "laatste": -1})
WORD_MEASURE = re.compile(r"\b(" + "|".join(ORDINAL_WORDS) + r")\s+(?:measure|maatregel)")
KIND_WORDS = (
    ("leverage", r"\b(leverage|invloed)"),
    ("exit", r"\b(exit|suspension|suspend|opschort|beeindig)"),
)
OWNER_WORDS = re.compile(r"\b(owner|owns|in charge|responsible|assign|eigenaar|verantwoordelijk|wijs\b.*\btoe)")
REVIEW_WORDS = re.compile(r"\b(review|evaluat|bespreek|herzie)")
# The review part of a message that also names the owner ("…, review date 1 March 2027").
REVIEW_PART = re.compile(r"[,;.]?\s*(?:and\s+|en\s+)?(?:the\s+|de\s+)?(?:review|evaluat|bespreek|herzie)\w*.*$", re.I)
# "change measure 2 to: ...", "wijzig maatregel 2 in: ..." (a colon: "change measure 2 to done" is a status);
# "reword measure 2: ...", "maatregel 2 wordt: ..." need none. The new text keeps the user's spelling.
REWORD = re.compile(
    r"^\W*(?:please\s+|graag\s+)?(?:"
    r"(?:change|edit|update|wijzig|verander|pas)\s+(?:the\s+text\s+of\s+|de\s+tekst\s+van\s+)?"
    r"(?:measure|maatregel)\s*#?(?P<a>\d{1,2})(?:\s+(?:to|into|as|in|naar|aan))?\s*:"
    r"|(?:reword|rewrite|rephrase|herschrijf|herformuleer)\s+(?:measure|maatregel)\s*#?(?P<b>\d{1,2})"
    r"(?:\s+(?:to|as|into|in|naar|als))?\s*:?"
    r"|formuleer\s+maatregel\s*#?(?P<c>\d{1,2})\s+(?:anders|opnieuw)(?:\s+als)?\s*:?"
    r"|(?:measure|maatregel)\s*#?(?P<d>\d{1,2})\s+(?:should\s+read|now\s+reads|wordt|luidt|moet\s+luiden)\s*:?"
    r")\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "add a measure: ...", "voeg maatregel toe: ...": the measure's text follows the colon.
ADD = re.compile(
    r"^\W*(?:please\s+|graag\s+)?(?:"
    r"add\s+(?:a\s+|an\s+|another\s+|one\s+more\s+)?(?:new\s+|extra\s+)?measure(?:\s+to\s+the\s+plan)?"
    r"|(?:a\s+)?(?:new|extra|additional)\s+measure"
    r"|voeg\s+(?:een\s+|nog\s+een\s+)?(?:nieuwe\s+|extra\s+)?maatregel\s+toe(?:\s+aan\s+het\s+plan)?"
    r"|voeg\s+(?:aan\s+het\s+plan\s+toe|toe\s+aan\s+het\s+plan)"
    r"|(?:een\s+)?(?:nieuwe|extra)\s+maatregel"
    r")\s*:?\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Edit:
    kind: str  # owner, review, status, reword, add, unclear
    status: str = ""
    measure_position: Optional[int] = None
    also_positions: Tuple[int, ...] = ()  # "measures 2 and 3 are done", "the first two measures"
    measure_kind: str = ""
    risk_code: str = ""
    date: Optional[dt.date] = None
    date_text: str = ""
    owner_name: str = ""
    owner_role: str = ""
    owner_email: str = ""
    measure_text: str = ""  # the new wording of a measure, or the measure added


def status_in(folded: str) -> str:
    return next((status for status, words in STATUS_WORDS if re.search(words, folded)), "")


def read_edit(text: str, entity_risks: Sequence[str] = ()) -> Edit:
    """What a message asks to change in a plan: a measure's status or wording, a new measure, the review
    date or the owner. A new wording is read first: its text may contain any of the other words."""
    reworded = REWORD.match(text or "")
    if reworded:
        position = next(reworded.group(g) for g in "abcd" if reworded.group(g))
        return Edit("reword", measure_position=int(position), measure_text=measure_text_in(reworded.group("text")))
    added = ADD.match(text or "")
    if added:
        return Edit("add", measure_text=measure_text_in(added.group("text")))
    folded = fold(text)
    status = status_in(folded)
    number = MEASURE_NUMBER.search(folded) or ORDINAL_MEASURE.search(folded)
    word = WORD_MEASURE.search(folded)
    position = int(number.group(1)) if number else ORDINAL_WORDS[word.group(1)] if word else None
    also = _more_positions(folded)
    if also and position is None:
        position, also = also[0], also[1:]
    kind = next((k for k, words in KIND_WORDS if re.search(words, folded)), "")
    risks = [*entity_risks, *catalogue.risk_codes_in(text)]
    names_a_measure = bool(position or kind or risks or re.search(r"\b(measure|maatregel)", folded))
    date = parse_date(text)
    if status and names_a_measure:
        return Edit(
            "status",
            status=status,
            measure_position=position,
            also_positions=tuple(p for p in also if p != position),
            measure_kind=kind,
            risk_code=risks[0] if risks else "",
        )
    names_owner = bool(OWNER_WORDS.search(folded) or email_in(text) or EMAIL_LEAD.search(text))
    if names_owner:  # "owner Mark Peters, review on 1 March": both, the date only when a review is named
        name, role, email = parse_owner(REVIEW_PART.sub(" ", text))
        review = date if REVIEW_WORDS.search(folded) else None
        return Edit("owner", owner_name=name, owner_role=role, owner_email=email, date=review, date_text=text)
    if REVIEW_WORDS.search(folded) or date:
        return Edit("review", date=date, date_text=text)
    if status:
        return Edit("status", status=status)
    return Edit("unclear")


_SEVERAL = re.compile(
    r"\b(?:measures|maatregelen|maatregel|measure)\s+(\d{1,2}(?:\s*(?:,|and|en|&)\s*\d{1,2})+)"
    r"|\b(?:first|eerste)\s+(two|three|twee|drie|\d)\s+(?:measures|maatregelen)"
)
_COUNT_WORDS = {"two": 2, "twee": 2, "three": 3, "drie": 3}


def _more_positions(folded: str) -> Tuple[int, ...]:
    """ "maatregel 2 en 3", "measures 1, 2 and 4", "the first two measures" -> their positions."""
    found = _SEVERAL.search(folded)
    if not found:
        return ()
    if found.group(1):
        return tuple(int(n) for n in re.findall(r"\d{1,2}", found.group(1)))
    count = found.group(2)
    return tuple(range(1, (int(count) if count.isdigit() else _COUNT_WORDS[count]) + 1))


def measure_text_in(text: str) -> str:
    """The measure as typed, without the quotes or the full stop around it."""
    return " ".join((text or "").split()).strip("\"'“”„‘’ ")


def find_measure(plan: ActionPlan, edit: Edit) -> Optional[PlanMeasure]:
    if edit.measure_position == -1:  # "the last measure"
        return plan.measures[-1] if plan.measures else None
    if edit.measure_position is not None:
        return next((m for m in plan.measures if m.position == edit.measure_position), None)
    if edit.risk_code:
        return next((m for m in plan.measures if m.risk_code == edit.risk_code), None)
    if edit.measure_kind:
        return next((m for m in plan.measures if m.kind == edit.measure_kind), None)
    return None


def plan_url(plan: ActionPlan) -> str:
    """The plan page on the chat page's server (web/plan_pages.py)."""
    base = os.environ.get("WEB_PUBLIC_URL") or f"{LOCAL_SCHEME}://localhost:{os.environ.get('WEB_PORT', '8080')}"
    return f"{base.rstrip('/')}/plans/{plan.share_key}"


def pdf_text(plan: ActionPlan, language: str) -> str:
    """The plan's PDF link, only where the web part can print one (actions/plans/pdf.py)."""
    return say(language, "pdf_link", url=plan_url(plan) + ".pdf") if can_print() else ""


def measure_label(measure: PlanMeasure, language: str) -> str:
    if measure.kind == "risk" and catalogue.risk_type(measure.risk_code):
        term = catalogue.risk_type(measure.risk_code)
        return pick(language, term.name_nl, term.name_en).capitalize()
    if measure.kind in ("leverage", "exit"):
        return say(language, "measure_labels", measure.kind)
    text = " ".join(measure.text.split())
    return text[:60] + ("…" if len(text) > 60 else "")


def day(value: Optional[dt.date], language: str) -> str:
    return date_text(value.isoformat(), language) if value else say(language, "no_deadline")


def measure_lines(plan: ActionPlan, language: str) -> str:
    return "\n".join(
        say(
            language,
            "measure_line",
            position=m.position,
            label=measure_label(m, language),
            deadline=day(m.deadline, language),
            status=say(language, "statuses", m.status),
        )
        for m in plan.measures
    )


def owner_text(plan: ActionPlan, language: str) -> str:
    details = ", ".join(part for part in (plan.owner_role, plan.owner_email) if part)
    if not plan.owner_name:
        return say(language, "not_set")
    return say(language, "owner_line", name=plan.owner_name, details=details) if details else plan.owner_name


def status_message(plan: ActionPlan, supplier_name: str, language: str) -> Message:
    language = language_code(language)
    active = [m for m in plan.measures if m.status != "dropped"]
    return (
        "utter_plan_status",
        {
            "supplier": supplier_name,
            "owner": owner_text(plan, language),
            "review_date": day(plan.review_date, language) if plan.review_date else say(language, "not_set"),
            "done": sum(1 for m in active if m.status == "done"),
            "active": len(active),
            "measure_lines": measure_lines(plan, language),
            "link": plan_url(plan),
            "pdf": pdf_text(plan, language),
        },
    )


def drafted_messages(plan: ActionPlan, supplier_name: str, language: str) -> List[Message]:
    language = language_code(language)
    return [
        (
            "utter_plan_drafted",
            {
                "supplier": supplier_name,
                "count": len(plan.measures),
                "measure_lines": measure_lines(plan, language),
                "link": plan_url(plan),
                "pdf": pdf_text(plan, language),
            },
        ),
        ("utter_plan_next_steps", {}),
    ]


def overdue_lines(overdue: Sequence[Any], language: str) -> str:
    lines = []
    for item in overdue:
        reasons = []
        if item.measures:
            names = ", ".join(measure_label(m, language) for m in item.measures)
            reasons.append(say(language, "overdue_measures", names=names))
        if item.review_passed:
            reasons.append(say(language, "overdue_review", date=day(item.plan.review_date, language)))
        lines.append(say(language, "overdue_line", supplier=item.supplier.name, reasons="; ".join(reasons)))
    return "\n".join(lines)
