"""Reading, validating, importing and exporting the company's supplier list (CSV).

The format is fixed (HEADER). Files may be UTF-8 with or without BOM and use
`,` or `;` (Dutch Excel) as separator. A file with any bad row imports nothing:
every problem is reported with its line number, then the whole import is one
transaction. Suppliers are matched on (name, country), case- and
accent-insensitively, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

from pydantic import BaseModel, ValidationError, validator
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from actions.language import fold
from actions.records.database import session_scope
from actions.records.models import Supplier
from actions.records.versions import bump_version
from actions.reference import catalogue

HEADER = [
    "name",
    "country",
    "city",
    "sector",
    "products",
    "annual_spend_eur",
    "share_of_supplier_revenue_pct",
    "relationship_years",
    "tier",
    "certifications",
    "known_risks",
    "last_audit_date",
    "contact_person",
    "notes",
]
FIELDS = [
    "name",
    "country_iso2",
    "city",
    "sector",
    "products",
    "annual_spend_eur",
    "share_of_supplier_revenue_pct",
    "relationship_years",
    "tier",
    "certifications",
    "known_risks",
    "last_audit_date",
    "contact_person",
    "notes",
]
MAX_FILE_BYTES = 200 * 1024 * 1024
Progress = Callable[[int, int], None]


class SupplierFileError(Exception):
    """The file cannot be imported; `problems` says why, line by line."""

    def __init__(self, problems: List[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _parse_decimal(value: str) -> Optional[Decimal]:
    text = value.strip().replace(" ", "").replace("€", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text and "." in text:
        # the last separator is the decimal one: 1.234,56 or 1,234.56
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")  # Dutch decimal comma
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{value}' is not a number") from None
    if not number.is_finite():
        raise ValueError(f"'{value}' is not a number")
    return number


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


def _parse_date(value: str) -> Optional[dt.date]:
    text = value.strip()
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{value}' is not a date (use YYYY-MM-DD)")


def _split_list(value: str) -> List[str]:
    return [item.strip() for item in re.split(r"[;|]", value or "") if item.strip()]


class SupplierRow(BaseModel):
    """One validated CSV row, in the database's terms."""

    name: str
    country_iso2: str
    city: str = ""
    sector: str = ""
    products: str = ""
    annual_spend_eur: Optional[Decimal] = None
    share_of_supplier_revenue_pct: Optional[Decimal] = None
    relationship_years: Optional[int] = None
    tier: Optional[int] = None
    certifications: str = ""
    known_risks: str = ""
    last_audit_date: Optional[dt.date] = None
    contact_person: str = ""
    notes: str = ""

    class Config:
        anystr_strip_whitespace = True

    @validator("name")
    def _name(cls, value: str) -> str:
        if not value:
            raise ValueError("the name is empty")
        if len(value) > 200:
            raise ValueError("the name is longer than 200 characters")
        return value

    @validator("country_iso2", pre=True)
    def _country(cls, value: str) -> str:
        code = catalogue.country_code(value)
        if not value or not value.strip():
            raise ValueError("the country is empty")
        if not code:
            raise ValueError(f"unknown country '{value}' (use an ISO code such as CN, or a country name)")
        return code

    @validator("annual_spend_eur", "share_of_supplier_revenue_pct", pre=True)
    def _decimal(cls, value: Any) -> Optional[Decimal]:
        return _parse_decimal(value) if isinstance(value, str) else value

    @validator("annual_spend_eur")
    def _spend(cls, value: Optional[Decimal]) -> Optional[Decimal]:
        if value is not None and (value < 0 or value >= Decimal("1e12")):
            raise ValueError("the annual spend must be between 0 and 999,999,999,999 euro")
        return value

    @validator("share_of_supplier_revenue_pct")
    def _share(cls, value: Optional[Decimal]) -> Optional[Decimal]:
        if value is not None and not (0 <= value <= 100):
            raise ValueError("the share of the supplier's revenue must be a percentage from 0 to 100")
        return value

    @validator("relationship_years", "tier", pre=True)
    def _integer(cls, value: Any) -> Optional[int]:
        if isinstance(value, str):
            if not value.strip():
                return None
            if not re.fullmatch(r"\s*\d+\s*", value):
                raise ValueError(f"'{value}' is not a whole number")
            return int(value)
        return value

    @validator("relationship_years")
    def _years(cls, value: Optional[int]) -> Optional[int]:
        if value is not None and value > 200:
            raise ValueError("the relationship cannot be longer than 200 years")
        return value

    @validator("tier")
    def _tier(cls, value: Optional[int]) -> Optional[int]:
        if value is not None and not (1 <= value <= 10):
            raise ValueError("the tier must be 1 (direct supplier) to 10")
        return value

    @validator("certifications", pre=True)
    def _certifications(cls, value: str) -> str:
        return ";".join(dict.fromkeys(_split_list(value)))

    @validator("known_risks", pre=True)
    def _risks(cls, value: str) -> str:
        codes, unknown = [], []
        for item in _split_list(value):
            code = catalogue.risk_code(item)
            (codes if code else unknown).append(code or item)
        if unknown:
            valid = ", ".join(t.code for t in catalogue.risk_types())
            raise ValueError(f"unknown risk '{unknown[0]}' (known codes: {valid})")
        return ";".join(dict.fromkeys(codes))

    @validator("last_audit_date", pre=True)
    def _audit(cls, value: Any) -> Optional[dt.date]:
        date = _parse_date(value) if isinstance(value, str) else value
        if date and date > dt.date.today():
            raise ValueError(f"the last audit date {date.isoformat()} is in the future")
        return date


_FIELD_LABELS = dict(zip(FIELDS, HEADER, strict=False))


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        column = _FIELD_LABELS.get(str(item["loc"][0]), str(item["loc"][0]))
        message = item["msg"]
        if message.startswith("value error, "):
            message = message[len("value error, ") :]
        parts.append(f"{column}: {message}")
    return "; ".join(parts)


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SupplierFileError(
            [f"line {line}: the file is not UTF-8 text; save it as 'CSV UTF-8' and try again"]
        ) from error


def parse(text: str) -> Tuple[List[SupplierRow], List[str]]:
    """Validated rows and the problems found, each with its line number."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return [], ["the file is empty"]
    if header != HEADER:
        missing = [h for h in HEADER if h not in header]
        extra = [h for h in header if h not in HEADER]
        detail = []
        if missing:
            detail.append("missing: " + ", ".join(missing))
        if extra:
            detail.append("unexpected: " + ", ".join(extra))
        if not detail:
            detail.append("the columns are in another order")
        return [], [f"line 1: the header must be exactly: {','.join(HEADER)} ({'; '.join(detail)})"]
    rows: List[SupplierRow] = []
    problems: List[str] = []
    seen: Dict[Tuple[str, str], int] = {}
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue  # blank lines are ignored
        if len(values) != len(HEADER):
            problems.append(f"line {line}: expected {len(HEADER)} columns, found {len(values)}")
            continue
        if any("\x00" in v for v in values):
            problems.append(f"line {line}: contains a NUL character")
            continue
        try:
            row = SupplierRow(**dict(zip(FIELDS, values, strict=False)))
        except ValidationError as error:
            problems.append(f"line {line}: {_describe(error)}")
            continue
        key = (fold(row.name), row.country_iso2)
        if key in seen:
            problems.append(f"line {line}: '{row.name}' ({row.country_iso2}) is already on line {seen[key]}")
            continue
        seen[key] = line
        rows.append(row)
    return rows, problems


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    changes: List[str] = field(default_factory=list)

    def text(self) -> str:
        verb = "would be" if self.dry_run else "were"
        return f"{self.added} suppliers {verb} added, {self.updated} updated, {self.unchanged} unchanged."


def _values(row: SupplierRow) -> Dict[str, Any]:
    return row.dict()


def _differs(current: Dict[str, Any], new: Dict[str, Any]) -> List[str]:
    changed = []
    for name, value in new.items():
        old = current.get(name)
        if isinstance(value, Decimal) and old is not None:
            if Decimal(str(old)) != value:
                changed.append(name)
        elif old != value:
            changed.append(name)
    return changed


def import_rows(
    session: Session, rows: List[SupplierRow], dry_run: bool = False, progress: Optional[Progress] = None
) -> ImportSummary:
    summary = ImportSummary(dry_run=dry_run)
    columns = [getattr(Supplier, f) for f in FIELDS]
    existing = {(fold(r.name), r.country_iso2): r for r in session.execute(select(Supplier.id, *columns)).mappings()}
    to_insert: List[Dict[str, Any]] = []
    to_update: List[Dict[str, Any]] = []
    for number, row in enumerate(rows, 1):
        values = _values(row)
        current = existing.get((fold(row.name), row.country_iso2))
        if current is None:
            to_insert.append(values)
            summary.added += 1
            summary.changes.append(f"add {row.name} ({row.country_iso2})")
        else:
            changed = _differs(dict(current), values)
            if changed:
                to_update.append({"_id": current["id"], **values})
                summary.updated += 1
                summary.changes.append(f"update {row.name} ({row.country_iso2}): {', '.join(changed)}")
            else:
                summary.unchanged += 1
        if progress and number % 1000 == 0:
            progress(number, len(rows))
    if progress:
        progress(len(rows), len(rows))
    if dry_run:
        return summary
    for start in range(0, len(to_insert), 5000):
        session.execute(insert(Supplier), to_insert[start : start + 5000])
    if to_update:
        from sqlalchemy import bindparam

        statement = (
            update(Supplier)
            .where(Supplier.id == bindparam("_id"))
            .values({f: bindparam(f) for f in FIELDS})
            .execution_options(synchronize_session=False)
        )
        session.connection().execute(statement, to_update)
    if to_insert or to_update:
        bump_version(session, "suppliers")
    return summary


def import_file(
    path: Path, url: Optional[str] = None, dry_run: bool = False, progress: Optional[Progress] = None
) -> ImportSummary:
    """Validate the whole file, then import it in one transaction (or nothing)."""
    path = Path(path)
    if not path.is_file():
        raise SupplierFileError([f"no file at {path}"])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise SupplierFileError([f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"])
    rows, problems = parse(decode(path.read_bytes()))
    if problems:
        raise SupplierFileError(problems)
    with session_scope(url) as session:
        summary = import_rows(session, rows, dry_run=dry_run, progress=progress)
        if dry_run:
            session.rollback()
    return summary


def _format(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (Decimal, float)):
        text = format(Decimal(str(value)).normalize(), "f")
        return text
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def export_rows(session: Session) -> List[List[str]]:
    columns = [getattr(Supplier, f) for f in FIELDS]
    result = session.execute(select(*columns))
    # sorted here, not in SQL, so SQLite and PostgreSQL (collations differ) export alike
    return sorted(([_format(v) for v in row] for row in result), key=lambda r: (r[0], r[1]))


def export_file(path: Path, url: Optional[str] = None) -> int:
    """Write every supplier in the import format; returns the number written."""
    with session_scope(url) as session:
        rows = export_rows(session)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    Path(path).write_text(buffer.getvalue(), encoding="utf-8")
    return len(rows)
