"""Reference data: loaded with sources, idempotent, on SQLite and PostgreSQL."""

from sqlalchemy import func, select

from actions.records import reference_loader
from actions.records.database import session_scope
from actions.records.models import CertificationScheme, Country, NationalContactPoint, RiskType, SectorAgreement


def test_loading_twice_changes_nothing(database_url):
    reference_loader.load_reference_data(database_url)
    second = reference_loader.load_reference_data(database_url)
    assert not second.changed
    assert sum(second.unchanged.values()) > 300


def test_china_and_cuba_prohibit_independent_unions_with_sources(database_url):
    reference_loader.load_reference_data(database_url)
    with session_scope(database_url) as session:
        china, cuba = session.get(Country, "CN"), session.get(Country, "CU")
        assert (china.name_nl, china.unions_prohibited, china.ituc_rating) == ("China", "yes", "5")
        assert cuba.unions_prohibited == "yes" and cuba.ituc_rating is None
        assert "state.gov" in cuba.source_url
        assert session.get(Country, "DE").name_nl == "Duitsland"


def test_every_fact_row_keeps_its_source(database_url):
    reference_loader.load_reference_data(database_url)
    with session_scope(database_url) as session:
        for model in (Country, NationalContactPoint, RiskType, CertificationScheme, SectorAgreement):
            missing = session.execute(
                select(func.count()).select_from(model).where((model.source_url.is_(None)) | (model.source_url == ""))
            ).scalar()
            assert missing == 0, f"{model.__tablename__} has rows without a source"


def test_ncp_contact_details_are_only_those_in_the_reference_file(database_url):
    import csv

    from actions.reference.catalogue import DATA_DIR

    reference_loader.load_reference_data(database_url)
    rows = {r["country_iso2"]: r for r in csv.DictReader((DATA_DIR / "ncp_directory.csv").open(encoding="utf-8"))}
    with session_scope(database_url) as session:
        ncps = session.execute(select(NationalContactPoint)).scalars().all()
        assert len(ncps) == len(rows) == 51
        for ncp in ncps:
            assert (ncp.website or "") == rows[ncp.country_iso2]["website"].strip()
            assert (ncp.email or "") == rows[ncp.country_iso2]["email"].strip()


def test_a_changed_fact_is_updated_not_duplicated(database_url):
    reference_loader.load_reference_data(database_url)
    with session_scope(database_url) as session:
        session.get(RiskType, "child_labour").name_nl = "iets anders"
    summary = reference_loader.load_reference_data(database_url)
    assert summary.updated == {"risk_types": 1}
    with session_scope(database_url) as session:
        assert session.get(RiskType, "child_labour").name_nl == "kinderarbeid"
        assert session.execute(select(func.count()).select_from(RiskType)).scalar() == 16
