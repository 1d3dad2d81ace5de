"""Advice composition, without servers: the data decided and the words chosen."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from actions.advice import render
from actions.advice.advice import advise_country, advise_supplier, assess_leverage, sector_in_text
from actions.advice.ncp_routing import route
from actions.advice.topics import SUPPLIER_TOPICS
from actions.advice.wording import entry
from actions.records.database import session_scope
from actions.records.models import Supplier
from actions.reference import catalogue

ALL_RISKS = [t.code for t in catalogue.risk_types()]


def by_name(session, name):
    return session.execute(select(Supplier).where(Supplier.name == name)).scalar_one()


def texts(messages):
    return "\n".join(str(v) for _key, values in messages for v in values.values())


def test_every_risk_code_has_measures_in_both_languages():
    measures = entry("measures")
    assert set(measures) == set(ALL_RISKS) | {"freedom_of_association_prohibited"}
    for code in measures:
        assert measures[code]["nl"] and measures[code]["en"] and measures[code]["nl"] != measures[code]["en"]


@pytest.mark.parametrize("code", ALL_RISKS)
def test_each_risk_gets_its_measure_in_country_advice(demo_db, code):
    with session_scope(demo_db):
        advice = advise_country("IN", "textiles", [code])
        assert [r.code for r in advice.risks] == [code]
        for language in ("nl", "en"):
            assert entry("measures", code, language) in texts(render.country_messages(advice, language))


def test_risks_are_ordered_most_severe_first(demo_db):
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Riverbank Knitwear"))
        codes = [r.code for r in advice.risks]
        assert codes[0] == "child_labour"  # recorded last, but the most severe
        assert [r.tier for r in advice.risks] == sorted(r.tier for r in advice.risks)


def test_chinese_supplier_gets_prohibited_union_context(demo_db):
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Golden Dragon Electronics"))
        assert advice.country.kind == "prohibited" and advice.country.rating == "5"
        nl = texts(render.supplier_messages(advice, "nl"))
        en = texts(render.supplier_messages(advice, "en"))
        assert (
            "In China zijn onafhankelijke vakbonden bij wet verboden (ITUC Global Rights Index 2025: score 5 van 5+)"
            in nl
        )
        assert "In China independent trade unions are prohibited by law" in en
        assert "international guidelines still apply" in en
        assert "RBA (Responsible Business Alliance)" in en  # electronics scheme
        assert "Union rights China: https://webarchive.archive.unhcr.org" in en


def test_cuban_supplier_without_rating_still_gets_prohibition_and_worker_voice(demo_db):
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Tabacalera del Valle"))
        assert advice.country.kind == "prohibited" and advice.country.rating is None
        assert advice.partners[0] == "labour_restricted"
        en = texts(render.supplier_messages(advice, "en"))
        assert "In Cuba independent trade unions are prohibited by law." in en
        assert "independent unions are not allowed there" in en
        assert "do not ask for them: ask for freely elected worker representatives" in en  # the FoA measure
        assert "https://www.state.gov/report/custom/e37987fc6a/" in en


@pytest.mark.parametrize(
    "share, years, tier, level",
    [
        (Decimal("38"), 9, 1, "high"),
        (Decimal("30"), 1, 1, "high"),
        (Decimal("12"), 2, 1, "medium"),
        (Decimal("12"), 8, 1, "high"),
        (Decimal("3"), 4, 2, "low"),
        (Decimal("3"), 1, 1, "low"),
        (Decimal("26"), 1, 3, "medium"),
        (None, 5, 1, "unknown"),
    ],
)
def test_leverage_levels(share, years, tier, level):
    assert assess_leverage(share, years, tier).level == level


def test_high_and_low_leverage_suppliers_get_different_advice(demo_db):
    with session_scope(demo_db) as session:
        high = advise_supplier(by_name(session, "Riverbank Knitwear"))
        low = advise_supplier(by_name(session, "Ningbo Solar Panels"))
        assert (high.leverage.level, low.leverage.level) == ("high", "low")
        assert (high.disengagement, low.disengagement) == ("severe_high", "severe_low")
        high_en = texts(render.supplier_messages(high, "en"))
        low_en = texts(render.supplier_messages(low, "en"))
        assert "Your leverage is probably high: your purchases are 38% of their turnover" in high_en
        assert "Your leverage is limited: your purchases are 2.5% of their turnover" in low_en
        assert "ending the relationship is the last resort" in low_en
        assert "IRBC Agreement for the Renewable Energy Sector" in low_en


def test_textile_supplier_gets_garment_agreement_and_fair_wear(demo_db):
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Riverbank Knitwear"))
        assert advice.agreement.name_nl == "Convenant Duurzame Kleding en Textiel"
        assert "Fair Wear (Fair Wear Foundation)" in [s.name for s in advice.schemes]
        nl = texts(render.supplier_messages(advice, "nl"))
        assert "Relevant IMVO-convenant: Convenant Duurzame Kleding en Textiel" in nl


def test_supplier_without_risks_is_told_to_assess(demo_db, tmp_path):
    from actions.records import supplier_csv

    path = tmp_path / "s.csv"
    path.write_text(",".join(supplier_csv.HEADER) + "\nQuiet Supplier,DE,Berlin,furniture,chairs,,,,,,,,,\n")
    supplier_csv.import_file(path, demo_db)
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Quiet Supplier"))
        en = texts(render.supplier_messages(advice, "en"))
        assert "No risks are recorded for this supplier" in en
        assert "I cannot judge your leverage" in en
        assert "I have no verified rating of trade union rights for Germany" in en


def test_follow_up_topic_returns_only_that_part(demo_db):
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Riverbank Knitwear"))
        keys = [k for k, _ in render.supplier_topic_messages(advice, SUPPLIER_TOPICS["ask_certification"], "en")]
        assert keys == ["utter_fitting_schemes"]
        keys = [k for k, _ in render.supplier_topic_messages(advice, SUPPLIER_TOPICS["ask_responsibility"], "nl")]
        assert keys == ["utter_supplier_people"]


def test_country_advice_from_country_sector_and_risk(demo_db):
    assert sector_in_text("we want to source cotton from Uzbekistan") == "cotton"
    assert sector_in_text("wij kopen katoen in Oezbekistan") == "cotton"
    with session_scope(demo_db):
        advice = advise_country("UZ", "cotton", ["forced_labour"])
        en = texts(render.country_messages(advice, "en"))
        assert "Forced labour (severity: very severe)" in en
        assert "Fairtrade (Fairtrade International)" in en  # cotton + forced labour
        assert "I have no verified rating of trade union rights for Uzbekistan" in en


# --- NCP and embassy routing -------------------------------------------------


def ncp_text(url, company, harm, funding=None, language="en"):
    with session_scope(url):
        return texts(render.ncp_messages(route(company, harm, funding), language))


def test_dutch_company_abroad_in_country_without_ncp(demo_db):
    with session_scope(demo_db):
        result = route("NL", "BD")
        assert [o.role for o in result.options] == ["netherlands"] and result.harm_country_without_ncp
    text = ncp_text(demo_db, "NL", "BD")
    assert "Bangladesh has no NCP" in text
    assert "Dutch NCP: Nationaal Contactpunt OESO-richtlijnen" in text and "https://www.oecdguidelines.nl" in text


def test_dutch_company_abroad_in_country_with_ncp(demo_db):
    with session_scope(demo_db):
        result = route("NL", "BR")
        assert [(o.role, o.iso2) for o in result.options] == [("harm_country", "BR"), ("netherlands", "NL")]
    assert "https://www.gov.br/mdic/pt-br/assuntos/camex/pcn" in ncp_text(demo_db, "NL", "BR")


def test_foreign_company_in_the_netherlands(demo_db):
    with session_scope(demo_db):
        result = route("DE", "NL")
        assert [(o.role, o.iso2) for o in result.options] == [("netherlands", "NL"), ("home_country", "DE")]
    assert "Nederlands NCP" in ncp_text(demo_db, "DE", "NL", language="nl")


def test_ncp_without_verified_contact_points_to_the_oecd_directory(demo_db):
    text = ncp_text(demo_db, "NL", "FR")
    assert "NCP of France (where the harm happens)" in text
    assert "contact details not verified in my data; see the OECD list https://mneguidelines.oecd.org/ncps/" in text


def test_email_is_given_only_where_the_reference_data_has_one(demo_db):
    assert "e-mail post@ncp-danmark.dk" in ncp_text(demo_db, "DK", "DK")
    assert "e-mail" not in ncp_text(demo_db, "NL", "BR")


def test_government_money_adds_the_provider_and_embassy(demo_db):
    with_money = ncp_text(demo_db, "NL", "BD", "export_credit")
    assert "export credit insurance" in with_money
    assert "Atradius Dutch State Business" in with_money and "https://atradiusdutchstatebusiness.nl" in with_money
    assert "https://www.netherlandsworldwide.nl" in with_money
    subsidy = ncp_text(demo_db, "NL", "IN", "subsidy", language="nl")
    assert "subsidie" in subsidy and "https://www.rvo.nl" in subsidy and "Atradius" not in subsidy
    without = ncp_text(demo_db, "NL", "BD", "none")
    assert "Atradius" not in without and "netherlandsworldwide" not in without


def test_no_contact_detail_outside_the_reference_data(demo_db):
    """Every URL and e-mail address in any NCP route comes from the reference files."""
    import re

    from actions.reference.catalogue import DATA_DIR

    sources = "\n".join(p.read_text(encoding="utf-8") for p in DATA_DIR.glob("*.csv"))
    countries = ["NL", "BD", "BR", "DE", "DK", "FR", "CN", "CU", "US", "GB", "JP", "CL"]
    for company in ("NL", "DE", "US"):
        for harm in countries:
            for funding in ("export_credit", "development_finance", None):
                text = ncp_text(demo_db, company, harm, funding)
                for found in re.findall(r"https?://[^\s;]+|[\w.+-]+@[\w-]+\.[\w.]+", text):
                    assert (
                        found.rstrip(".,)") in sources or found.rstrip(".,)") == "https://mneguidelines.oecd.org/ncps/"
                    ), found
