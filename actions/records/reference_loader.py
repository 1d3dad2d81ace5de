"""Loads the sourced reference facts (actions/reference/data) into the database.

Idempotent: rows are matched on their natural key and only changed fields are
written, so loading twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Type

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.records import models
from actions.records.database import session_scope
from actions.records.versions import bump_version
from actions.reference import catalogue

RISK_TYPES_SOURCE = (
    "Project definition of risk codes (docs/data.md); names follow the OECD Due Diligence "
    "Guidance for Responsible Business Conduct, https://www.oesorichtlijnen.nl/oeso-richtlijnen/d/due-diligence-guidances"
)


@dataclass
class LoadSummary:
    added: Dict[str, int] = field(default_factory=dict)
    updated: Dict[str, int] = field(default_factory=dict)
    unchanged: Dict[str, int] = field(default_factory=dict)

    def count(self, table: str, outcome: str) -> None:
        bucket = getattr(self, outcome)
        bucket[table] = bucket.get(table, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(sum(self.added.values()) + sum(self.updated.values()))

    def lines(self) -> List[str]:
        tables = sorted(set(self.added) | set(self.updated) | set(self.unchanged))
        return [
            f"{t}: {self.added.get(t, 0)} added, {self.updated.get(t, 0)} updated, {self.unchanged.get(t, 0)} unchanged"
            for t in tables
        ]


def _blank_to_none(value: Optional[str]) -> Optional[str]:
    value = (value or "").strip()
    return value or None


def _upsert(
    session: Session,
    model: Type[models.Base],
    key: Sequence[str],
    rows: Iterable[Dict[str, Any]],
    summary: LoadSummary,
) -> None:
    table = model.__tablename__
    existing = {tuple(getattr(obj, k) for k in key): obj for obj in session.execute(select(model)).scalars()}
    for row in rows:
        obj = existing.get(tuple(row[k] for k in key))
        if obj is None:
            session.add(model(**row))
            summary.count(table, "added")
            continue
        changes = {k: v for k, v in row.items() if getattr(obj, k) != v}
        for name, value in changes.items():
            setattr(obj, name, value)
        summary.count(table, "updated" if changes else "unchanged")
    session.flush()


def _country_rows() -> List[Dict[str, Any]]:
    unions = {row["country_iso2"]: row for row in catalogue.read_csv("union_rights.csv")}
    rows = []
    for country in catalogue.countries():
        union = unions.get(country.iso2, {})
        rows.append(
            {
                "iso2": country.iso2,
                "name_en": country.name_en,
                "name_nl": country.name_nl,
                "ituc_rating": _blank_to_none(union.get("ituc_rating")),
                "ituc_year": _blank_to_none(union.get("ituc_year")),
                "unions_prohibited": (union.get("independent_unions_prohibited_by_law") or "unknown").strip(),
                "union_notes": _blank_to_none(union.get("notes")),
                "source_url": _blank_to_none(union.get("source_url")) or catalogue.CLDR_SOURCE_URL,
            }
        )
    return rows


def _ncp_rows() -> List[Dict[str, Any]]:
    return [
        {
            "country_iso2": row["country_iso2"],
            "name": _blank_to_none(row["ncp_name"]),
            "hosting_institution": _blank_to_none(row["hosting_institution"]),
            "website": _blank_to_none(row["website"]),
            "email": _blank_to_none(row["email"]),
            "notes": _blank_to_none(row["notes"]),
            "source_url": row["source_url"].strip(),
        }
        for row in catalogue.read_csv("ncp_directory.csv")
    ]


def _risk_rows() -> List[Dict[str, Any]]:
    return [
        {
            "code": term.code,
            "name_en": term.name_en,
            "name_nl": term.name_nl,
            "severity_tier": term.severity_tier,
            "synonyms": ";".join(term.synonyms),
            "source_url": RISK_TYPES_SOURCE,
        }
        for term in catalogue.risk_types()
    ]


def _certification_rows() -> List[Dict[str, Any]]:
    return [
        {
            "name": row["name"].strip(),
            "kind": row["type"].strip(),
            "risks_addressed": row["risks_addressed"].strip(),
            "sectors": row["sectors"].strip(),
            "website": _blank_to_none(row["website"]),
            "source_url": row["source_url"].strip(),
        }
        for row in catalogue.read_csv("certifications.csv")
    ]


def _agreement_rows() -> List[Dict[str, Any]]:
    return [
        {
            "name_nl": row["name_nl"].strip(),
            "name_en": row["name_en"].strip(),
            "sector": row["sector"].strip(),
            "years": _blank_to_none(row["years"]),
            "status": _blank_to_none(row["status"]),
            "website": _blank_to_none(row["website"]),
            "source_url": row["source_url"].strip(),
        }
        for row in catalogue.read_csv("irbc_agreements.csv")
    ]


def load_reference_data(url: Optional[str] = None) -> LoadSummary:
    """Load or refresh every reference table in one transaction."""
    summary = LoadSummary()
    with session_scope(url) as session:
        _upsert(session, models.Country, ["iso2"], _country_rows(), summary)
        _upsert(session, models.NationalContactPoint, ["country_iso2"], _ncp_rows(), summary)
        _upsert(session, models.RiskType, ["code"], _risk_rows(), summary)
        _upsert(session, models.CertificationScheme, ["name"], _certification_rows(), summary)
        _upsert(session, models.SectorAgreement, ["name_nl"], _agreement_rows(), summary)
        if summary.changed:
            bump_version(session, "reference")
    return summary
