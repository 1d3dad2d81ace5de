"""Supplier import and export: validation, one transaction, upsert, dry run, round trip."""

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from actions.records import supplier_csv
from actions.records.database import session_scope
from actions.records.models import Supplier

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "suppliers.csv"
HEADER = ",".join(supplier_csv.HEADER)


def count(url):
    with session_scope(url) as session:
        return session.execute(select(func.count(Supplier.id))).scalar()


def supplier(url, name):
    with session_scope(url) as session:
        return session.execute(select(Supplier).where(Supplier.name == name)).scalar_one()


def write(tmp_path, text, name="suppliers.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_demo_file_imports_and_reimport_changes_nothing(empty_db):
    first = supplier_csv.import_file(DEMO, empty_db)
    assert (first.added, first.updated, first.unchanged) == (46, 0, 0)
    second = supplier_csv.import_file(DEMO, empty_db)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 46)
    cuban = [s for s in ("Tabacalera del Valle", "Caribe Nickel Trading", "Holguin Sugar Mill")]
    assert all(supplier(empty_db, name).country_iso2 == "CU" for name in cuban)


def test_export_round_trip_is_exact(empty_db, tmp_path):
    supplier_csv.import_file(DEMO, empty_db)
    out = tmp_path / "export.csv"
    assert supplier_csv.export_file(out, empty_db) == 46
    assert out.read_text(encoding="utf-8") == DEMO.read_text(encoding="utf-8")


def test_semicolon_bom_dutch_names_and_numbers(empty_db, tmp_path):
    text = (
        HEADER.replace(",", ";") + "\n"
        "Zeeuwse Mosselen BV;Nederland;Yerseke;food;mosselen;1.234,50;12,5;3;1;;kinderarbeid|Dwangarbeid;01-02-2024;J. de Vries;n.v.t.\n"
        "Ivoor Cacao;Ivoorkust;Abidjan;cocoa;cacao;1000;5;2;2;Fairtrade;child labour;2024-03-01;;\n"
    )
    path = write(tmp_path, "\ufeff" + text)
    summary = supplier_csv.import_file(path, empty_db)
    assert summary.added == 2
    mussels = supplier(empty_db, "Zeeuwse Mosselen BV")
    assert mussels.country_iso2 == "NL"
    assert float(mussels.annual_spend_eur) == 1234.5 and float(mussels.share_of_supplier_revenue_pct) == 12.5
    assert mussels.known_risks == "child_labour;forced_labour"
    assert mussels.last_audit_date.isoformat() == "2024-02-01"
    assert supplier(empty_db, "Ivoor Cacao").country_iso2 == "CI"


def test_bad_rows_are_all_reported_and_nothing_is_imported(empty_db, tmp_path):
    text = (
        HEADER + "\n"
        "Good One,CN,Shenzhen,electronics,chips,100,5,1,1,,working_hours,2024-01-01,,\n"
        "Bad Country,Atlantis,,,,,,,,,,,,\n"
        ",CN,,,,,,,,,,,,\n"
        "Bad Share,CN,,,,,150,,,,,,,\n"
        "Bad Risk,CN,,,,,,,,,happiness,,,\n"
        "Bad Date,CN,,,,,,,,,,2999-01-01,,\n"
        "Too Few,CN\n"
        "Good One,CN,Shenzhen,electronics,chips,100,5,1,1,,,2024-01-01,,\n"
    )
    with pytest.raises(supplier_csv.SupplierFileError) as error:
        supplier_csv.import_file(write(tmp_path, text), empty_db)
    problems = error.value.problems
    assert [p.split(":")[0] for p in problems] == ["line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9"]
    assert "unknown country 'Atlantis'" in problems[0]
    assert "name: the name is empty" in problems[1]
    assert "percentage from 0 to 100" in problems[2]
    assert "unknown risk 'happiness'" in problems[3]
    assert "in the future" in problems[4]
    assert "expected 14 columns, found 2" in problems[5]
    assert "already on line 2" in problems[6]
    assert count(empty_db) == 0
    dutch = [p.text("nl") for p in problems]  # the upload page in Dutch shows the same reasons in Dutch
    assert [p.split(":")[0] for p in dutch] == [f"regel {n}" for n in range(3, 10)]
    assert dutch[0] == "regel 3: country: onbekend land ‘Atlantis’ (gebruik een ISO-code zoals CN, of een landnaam)"
    assert dutch[1] == "regel 4: name: de naam is leeg"
    assert "een percentage van 0 tot 100" in dutch[2] and "onbekend risico ‘happiness’" in dutch[3]
    assert "ligt in de toekomst" in dutch[4] and dutch[5] == "regel 8: 14 kolommen verwacht, 2 gevonden"
    assert dutch[6] == "regel 9: ‘Good One’ (CN) staat al op regel 2"


def test_every_check_message_is_in_dutch_and_english_with_the_same_placeholders():
    import string

    from actions.records.csv_messages import texts

    for key, languages in texts().items():
        assert set(languages) == {"nl", "en"}, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(languages[lang]) if f} for lang in ("nl", "en")]
        assert fields[0] == fields[1], key
        assert key == "column" or languages["nl"] != languages["en"], key


def test_wrong_header_and_wrong_encoding_are_explained(empty_db, tmp_path):
    with pytest.raises(supplier_csv.SupplierFileError) as error:
        supplier_csv.import_file(write(tmp_path, "name,land\nX,CN\n"), empty_db)
    assert "missing: country" in error.value.problems[0] and "unexpected: land" in error.value.problems[0]
    with pytest.raises(supplier_csv.SupplierFileError) as error:
        supplier_csv.import_file(write(tmp_path, HEADER + "\nCafé,CN,,,,,,,,,,,,\n", encoding="latin-1"), empty_db)
    assert "not UTF-8" in error.value.problems[0]
    assert count(empty_db) == 0


def test_reimport_with_changes_updates_only_those_rows(empty_db, tmp_path):
    supplier_csv.import_file(DEMO, empty_db)
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    changed = [row.replace(",38,9,1,", ",45,9,1,") if row.startswith("Riverbank Knitwear,") else row for row in lines]
    changed.append("New Supplier Ltd,VN,Hanoi,garments,shirts,,,,,,,,,")
    summary = supplier_csv.import_file(write(tmp_path, "\n".join(changed) + "\n"), empty_db)
    assert (summary.added, summary.updated, summary.unchanged) == (1, 1, 45)
    assert float(supplier(empty_db, "Riverbank Knitwear").share_of_supplier_revenue_pct) == 45


def test_dry_run_reports_changes_and_writes_nothing(empty_db):
    summary = supplier_csv.import_file(DEMO, empty_db, dry_run=True)
    assert summary.added == 46 and "would be added" in summary.text()
    assert "add Riverbank Knitwear (BD)" in summary.changes
    assert count(empty_db) == 0


def test_command_line_import_export_and_help(empty_db, tmp_path):
    python = sys.executable
    cli = [python, "-m", "actions.records.cli"]
    env = {"DATABASE_URL": empty_db, "PATH": "/usr/bin:/bin"}
    help_text = subprocess.run(cli + ["import-suppliers", "--help"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert "--dry-run" in help_text.stdout
    done = subprocess.run(cli + ["import-suppliers", str(DEMO)], cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0 and "46 suppliers were added" in done.stdout
    bad = write(tmp_path, HEADER + "\nX,Atlantis,,,,,,,,,,,,\n", name="bad.csv")
    failed = subprocess.run(cli + ["import-suppliers", str(bad)], cwd=ROOT, capture_output=True, text=True, env=env)
    assert failed.returncode == 1 and "line 2: country: unknown country 'Atlantis'" in failed.stderr
    assert "Traceback" not in failed.stderr
    out = tmp_path / "out.csv"
    exported = subprocess.run(cli + ["export-suppliers", str(out)], cwd=ROOT, capture_output=True, text=True, env=env)
    assert exported.returncode == 0 and out.read_text(encoding="utf-8") == DEMO.read_text(encoding="utf-8")
