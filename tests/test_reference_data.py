"""Reference facts: read from actions/reference/data once per process, each with its source;
the database keeps only the company's own records (migration 0002 moved the facts out)."""

import csv
import re

import pytest
from sqlalchemy import inspect, text

from actions.reference import catalogue
from actions.reference.catalogue import DATA_DIR
from tests.project import ROOT


def test_china_and_cuba_prohibit_independent_unions_with_sources():
    china, cuba = catalogue.country_by_code("CN"), catalogue.country_by_code("CU")
    assert (china.name_nl, china.unions_prohibited, china.ituc_rating) == ("China", "yes", "5")
    assert cuba.unions_prohibited == "yes" and cuba.ituc_rating is None
    assert "state.gov" in cuba.union_source_url
    assert catalogue.country_by_code("DE").name("nl") == "Duitsland"


def test_every_fact_keeps_its_source():
    facts = [
        *catalogue.ncps(),
        *catalogue.schemes(),
        *catalogue.agreements(),
        *catalogue.government_contacts(),
        *catalogue.risk_types(),
    ]
    assert len(facts) > 100
    for fact in facts:
        assert fact.source_url.strip(), fact


def test_every_source_string_points_to_something_that_exists():
    """A source is a web address, or names a file of this project that exists."""
    facts = [*catalogue.ncps(), *catalogue.schemes(), *catalogue.agreements(), *catalogue.government_contacts()]
    facts += [*catalogue.risk_types(), *catalogue.countries()]
    for fact in facts:
        for part in fact.source_url.split(" ; "):
            for path in re.findall(r"\b((?:docs|actions)/[\w./-]+\.\w+)", part):
                assert (ROOT / path).exists(), f"{fact}: {path} does not exist"
            assert re.search(r"https?://\S+", part), f"{fact}: source without a web address: {part}"


def test_every_source_cell_of_every_reference_file_points_to_something_that_exists():
    """Read from the files themselves, so a table the catalogue does not expose as facts (EU law, links, union
    prohibitions, ITUC ratings) is checked too: each source is a web address, and each project file or reference
    table named as a source or a basis exists."""
    checked = 0
    for table in sorted(DATA_DIR.glob("*.csv")):
        for row in csv.DictReader(table.open(encoding="utf-8")):
            if "source_url" in row:
                checked += 1
                for part in row["source_url"].split(" ; "):
                    assert re.search(r"https?://\S+", part), f"{table.name}: source without a web address: {part!r}"
            for cell in (row.get("source_url") or "", row.get("basis") or ""):
                for path in re.findall(r"\b((?:docs|actions)/[\w./-]+\.\w+)", cell):
                    assert (ROOT / path).exists(), f"{table.name}: {path} does not exist"
                for name in re.findall(r"\b([\w-]+\.csv)\b", cell):
                    assert (DATA_DIR / name).exists(), f"{table.name}: {name} is not a reference table"
    assert checked > 300


def test_ncp_contact_details_are_only_those_in_the_reference_file():
    rows = {r["country_iso2"]: r for r in csv.DictReader((DATA_DIR / "ncp_contacts.csv").open(encoding="utf-8"))}
    assert len(catalogue.ncps()) == len(rows) == 51  # the OECD counts 52 adherents; the 52nd was not identified
    for ncp in catalogue.ncps():
        assert (ncp.website or "") == rows[ncp.country_iso2]["website"].strip()
        assert (ncp.email or "") == rows[ncp.country_iso2]["email"].strip()


def test_facts_are_read_once_per_process(monkeypatch):
    """Nothing per request: after the first use, no reference file is opened again."""
    from actions.advice.advice import advise_country
    from actions.advice.ncp_routing import route

    advise_country("BD", "garments", ["child_labour"])
    route("NL", "BD", "export_credit")
    opened = []
    monkeypatch.setattr(catalogue, "_read_csv", lambda name: opened.append(name) or iter(()))
    advise_country("CN", "electronics", ["forced_labour"])
    route("DE", "CU", "subsidy")
    assert opened == []


def test_the_database_keeps_no_copy_of_the_reference_facts(database_url):
    from actions.records.database import get_engine

    tables = set(inspect(get_engine(database_url)).get_table_names())
    own_records = {"suppliers", "action_plans", "plan_measures", "plan_changes", "audit_log"}
    assert tables == own_records | {"data_versions", "alembic_version"}


def test_migration_0002_keeps_the_suppliers_of_a_0001_database(tmp_path):
    """A database made by the previous version (with its reference copies) upgrades without losing a row."""
    from alembic import command

    from actions.records import migrate
    from actions.records.database import get_engine

    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = migrate.alembic_config(url)
    with get_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text("INSERT INTO countries VALUES ('BD','Bangladesh','Bangladesh',NULL,NULL,'no',NULL,'x')")
        )
        connection.execute(
            text(
                "INSERT INTO suppliers (name, country_iso2, city, sector, products, certifications, known_risks,"
                " contact_person, notes) VALUES ('Old Supplier', 'BD', '', 'garments', '', '', 'child_labour', '', '')"
            )
        )
    migrate.upgrade(url)
    with get_engine(url).connect() as connection:
        assert connection.execute(text("SELECT name, known_risks FROM suppliers")).all() == [
            ("Old Supplier", "child_labour")
        ]
        assert "countries" not in inspect(connection).get_table_names()
    # and a supplier in a country the old copy did not have can now be stored
    with get_engine(url).begin() as connection:
        connection.execute(
            text(
                "INSERT INTO suppliers (name, country_iso2, city, sector, products, certifications, known_risks,"
                " contact_person, notes) VALUES ('New', 'VN', '', '', '', '', '', '', '')"
            )
        )


@pytest.mark.parametrize("code", ["CN", "CU", "BD", "NL"])
def test_country_names_in_both_languages(code):
    country = catalogue.country_by_code(code)
    assert country.name("nl") and country.name("en")
