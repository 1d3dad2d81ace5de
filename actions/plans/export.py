"""A stored plan as Markdown, as a printable HTML page, and all plans as CSV.

plan_view() turns a plan into what every format shows (texts from texts.yml in the
reader's language); the formats only lay it out.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session

from actions.advice.render import date_text, sector_text
from actions.language import language_code
from actions.plans.wording import say as plan_say
from actions.records import plan_repository
from actions.records.models import Supplier
from actions.records.plan_models import ActionPlan
from actions.reference import catalogue

HERE = Path(__file__).resolve().parent
CSV_COLUMNS = [
    "supplier",
    "country",
    "owner_name",
    "owner_role",
    "owner_email",
    "review_date",
    "position",
    "kind",
    "risk_code",
    "measure",
    "first_step",
    "deadline",
    "indicator",
    "partners",
    "status",
    "plan_updated",
]


@lru_cache(maxsize=1)
def texts() -> Dict[str, Any]:
    return yaml.safe_load((HERE / "texts.yml").read_text(encoding="utf-8"))


def text(language: str, *path: str, **values: Any) -> str:
    node: Any = texts()
    for key in path:
        node = node[key]
    value = node[language_code(language)]
    return value.format(**values) if values else value


def day(value: Any, language: str) -> str:
    return date_text(value.isoformat(), language) if value else text(language, "not_set")


def _change_line(change: Any, positions: Dict[int, int], language: str) -> str:
    new, old = change.new_value, change.old_value
    if change.field == "status":
        new, old = plan_say(language, "statuses", new), plan_say(language, "statuses", old) if old else ""
    if change.field in ("review_date", "deadline") and new:
        new = date_text(new, language) or new
    if change.field == "owner":
        new = ", ".join(part.strip() for part in new.split("|") if part.strip())
    if change.field not in texts()["changes"]:
        return change.field
    return text(language, "changes", change.field, new=new, old=old, position=positions.get(change.measure_id, "?"))


def plan_view(plan: ActionPlan, supplier: Supplier, language: str) -> Dict[str, Any]:
    """Everything an exported plan shows, as values in `language`."""
    language = language_code(language)
    positions = {m.id: m.position for m in plan.measures}
    owner = ", ".join(part for part in (plan.owner_role, plan.owner_email) if part)
    return {
        "language": language,
        "label": {key: value[language] for key, value in texts().items() if isinstance(value, dict) and "en" in value},
        "title": text(language, "title", supplier=supplier.name),
        "supplier_line": text(
            language,
            "supplier_line",
            country=catalogue.country_name(supplier.country_iso2, language),
            city=supplier.city or "-",
            sector=sector_text(catalogue.sector_codes_in(supplier.sector or ""), supplier.sector or "", language),
        ),
        "owner": f"{plan.owner_name} ({owner})" if plan.owner_name and owner else plan.owner_name or "",
        "review_date": day(plan.review_date, language) if plan.review_date else "",
        "created": plan.created_at.strftime("%Y-%m-%d %H:%M") if plan.created_at else "",
        "updated": plan.updated_at.strftime("%Y-%m-%d %H:%M") if plan.updated_at else "",
        "measures": [
            {
                "position": m.position,
                "text": m.text,
                "first_step": m.first_step,
                "deadline": day(m.deadline, language) if m.deadline else "",
                "indicator": m.indicator,
                "partners": m.partners,
                "status": m.status,
                "status_text": plan_say(language, "statuses", m.status),
            }
            for m in plan.measures
        ],
        "history": [
            {
                "when": c.changed_at.strftime("%Y-%m-%d %H:%M") if c.changed_at else "",
                "who": c.changed_by or text(language, "someone"),
                "what": _change_line(c, positions, language),
            }
            for c in plan.changes
        ],
    }


def _md(value: str) -> str:
    """Text from records or users, safe inside Markdown (no headings, links or HTML of its own)."""
    return " ".join(str(value).split()).replace("<", "&lt;").replace("[", "\\[").replace("`", "'")


def markdown(view: Dict[str, Any]) -> str:
    label = view["label"]
    lines = [f"# {_md(view['title'])}", "", _md(view["supplier_line"]), ""]
    lines.append(f"- **{label['owner']}:** {_md(view['owner']) or label['not_set']}")
    lines.append(f"- **{label['review_date']}:** {view['review_date'] or label['not_set']}")
    lines.append(f"- **{label['created']}:** {view['created']}; **{label['updated']}:** {view['updated']}")
    lines += ["", f"## {label['measures']}", ""]
    for m in view["measures"]:
        lines.append(f"### {m['position']}. {_md(m['text'])}")
        lines.append("")
        for key in ("first_step", "deadline", "indicator", "partners"):
            if m[key]:
                lines.append(f"- **{label[key]}:** {_md(m[key])}")
        lines.append(f"- **{label['status']}:** {m['status_text']}")
        lines.append("")
    lines += [f"## {label['history']}", ""]
    lines += [f"- {h['when']} · {_md(h['who'])} · {_md(h['what'])}" for h in view["history"]]
    lines += ["", f"_{label['guidance']}_", ""]
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]))


def html(view: Dict[str, Any]) -> str:
    return _templates().get_template("plan.html").render(**view)


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_of_all_plans(session: Session) -> str:
    """One row per measure of every plan, for the company's own tools (UTF-8, comma-separated)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for plan, supplier in plan_repository.all_plans(session):
        for m in plan.measures:
            row = [
                supplier.name,
                supplier.country_iso2,
                plan.owner_name,
                plan.owner_role,
                plan.owner_email,
                plan.review_date.isoformat() if plan.review_date else "",
                m.position,
                m.kind,
                m.risk_code,
                m.text,
                m.first_step,
                m.deadline.isoformat() if m.deadline else "",
                m.indicator,
                m.partners,
                m.status,
                plan.updated_at.isoformat(sep=" ", timespec="seconds") if plan.updated_at else "",
            ]
            writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def plan_by_key(session: Session, key: str) -> Optional[tuple]:
    """(plan, supplier) for a share key, or None."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    query = (
        select(ActionPlan, Supplier)
        .join(Supplier, Supplier.id == ActionPlan.supplier_id)
        .where(ActionPlan.share_key == key)
        .options(selectinload(ActionPlan.measures), selectinload(ActionPlan.changes))
    )
    row = session.execute(query).first()
    return (row[0], row[1]) if row else None
