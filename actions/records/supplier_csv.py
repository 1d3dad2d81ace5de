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
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

from pydantic import BaseModel, ValidationError, validator
from pydantic.error_wrappers import ErrorWrapper
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from actions.language import fold
from actions.records.csv_messages import CsvMessage, RowError
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
        raise RowError("not_a_number", value=value) from None
    if not number.is_finite():
        raise RowError("not_a_number", value=value)
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
    raise RowError("not_a_date", value=value)


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
            raise RowError("name_empty")
        if len(value) > 200:
            raise RowError("name_too_long", limit=200)
        return value

    @validator("country_iso2", pre=True)
    def _country(cls, value: str) -> str:
        code = catalogue.country_code(value)
        if not value or not value.strip():
            raise RowError("country_empty")
        if not code:
            raise RowError("unknown_country", value=value)
        return code

    @validator("annual_spend_eur", "share_of_supplier_revenue_pct", pre=True)
    def _decimal(cls, value: Any) -> Optional[Decimal]:
        return _parse_decimal(value) if isinstance(value, str) else value

    @validator("annual_spend_eur")
    def _spend(cls, value: Optional[Decimal]) -> Optional[Decimal]:
        if value is not None and (value < 0 or value >= Decimal("1e12")):
            raise RowError("spend_range")
        return value

    @validator("share_of_supplier_revenue_pct")
    def _share(cls, value: Optional[Decimal]) -> Optional[Decimal]:
        if value is not None and not (0 <= value <= 100):
            raise RowError("share_range")
        return value

    @validator("relationship_years", "tier", pre=True)
    def _integer(cls, value: Any) -> Optional[int]:
        if isinstance(value, str):
            if not value.strip():
                return None
            if not re.fullmatch(r"\s*\d+\s*", value):
                raise RowError("not_whole_number", value=value)
            return int(value)
        return value

    @validator("relationship_years")
    def _years(cls, value: Optional[int]) -> Optional[int]:
        if value is not None and value > 200:
            raise RowError("years_too_long")
        return value

    @validator("tier")
    def _tier(cls, value: Optional[int]) -> Optional[int]:
        if value is not None and not (1 <= value <= 10):
            raise RowError("tier_range")
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
            raise RowError("unknown_risk", value=unknown[0], codes=valid)
        return ";".join(dict.fromkeys(codes))

    @validator("last_audit_date", pre=True)
    def _audit(cls, value: Any) -> Optional[dt.date]:
        date = _parse_date(value) if isinstance(value, str) else value
        if date and date > dt.date.today():
            raise RowError("audit_in_future", date=date.isoformat())
        return date


_FIELD_LABELS = dict(zip(FIELDS, HEADER, strict=False))


def _wrapped(errors: Any) -> Iterator[ErrorWrapper]:
    for item in errors:
        if isinstance(item, ErrorWrapper):
            yield item
        else:
            yield from _wrapped(item)


def _describe(error: ValidationError, line: int) -> CsvMessage:
    """Every problem of one row, each with its column (the file's header name)."""
    parts, columns = [], []
    for wrapper in _wrapped(error.raw_errors):
        field_name = str(wrapper.loc_tuple()[0])
        columns.append(_FIELD_LABELS.get(field_name, field_name))
        exc = wrapper.exc
        parts.append((exc.key, exc.values) if isinstance(exc, RowError) else ("invalid_value", {}))
    return CsvMessage.joined(parts, line, columns)


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SupplierFileError([CsvMessage("not_utf8", line)]) from error


def parse(text: str) -> Tuple[List[SupplierRow], List[str]]:
    """Validated rows and the problems found, each with its line number."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return [], [CsvMessage("file_empty")]
    if header != HEADER:
        missing = [h for h in HEADER if h not in header]
        extra = [h for h in header if h not in HEADER]
        detail = []
        if missing:
            detail.append(("header_missing", {"names": ", ".join(missing)}))
        if extra:
            detail.append(("header_unexpected", {"names": ", ".join(extra)}))
        if not detail:
            detail.append(("header_order", {}))
        return [], [CsvMessage("header", 1, header=",".join(HEADER), detail=CsvMessage.joined(detail))]
    rows: List[SupplierRow] = []
    problems: List[str] = []
    seen: Dict[Tuple[str, str], int] = {}
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue  # blank lines are ignored
        if len(values) != len(HEADER):
            problems.append(CsvMessage("column_count", line, expected=len(HEADER), found=len(values)))
            continue
        if any("\x00" in v for v in values):
            problems.append(CsvMessage("nul_character", line))
            continue
        try:
            row = SupplierRow(**dict(zip(FIELDS, values, strict=False)))
        except ValidationError as error:
            problems.append(_describe(error, line))
            continue
        key = (fold(row.name), row.country_iso2)
        if key in seen:
            problems.append(CsvMessage("duplicate", line, name=row.name, country=row.country_iso2, first=seen[key]))
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
    changes: List[str] = field(default_factory=list)  # CsvMessage: readable in Dutch and English

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
            summary.changes.append(CsvMessage("change_add", name=row.name, country=row.country_iso2))
        else:
            changed = _differs(dict(current), values)
            if changed:
                to_update.append({"_id": current["id"], **values})
                summary.updated += 1
                summary.changes.append(
                    CsvMessage("change_update", name=row.name, country=row.country_iso2, fields=", ".join(changed))
                )
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
