"""Questions about a supplier's record, which supplier first, and where to act first."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from actions.advice.priority import SupplierFacts, compare, rank
from actions.advice.record import fields_asked
from actions.advice.render_records import compare_messages, field_value, record_messages
from actions.records.database import session_scope
from actions.records.models import Supplier


@pytest.mark.parametrize(
    "text, fields",
    [
        ("when were they last audited?", ["audit"]),
        ("wie is daar onze contactpersoon?", ["contact"]),
        ("what's our share of their revenue?", ["share"]),
        ("wat is ons aandeel in hun omzet", ["share"]),
        ("how long have we worked with them?", ["years"]),
        ("hoe lang werken we al met lotus weaving?", ["years"]),
        ("welke certificeringen heeft Ashanti eigenlijk?", ["certifications"]),
        ("hoeveel kopen we jaarlijks in bij hen?", ["spend"]),
        ("waar zitten ze?", ["city"]),
        ("are they a direct supplier or tier 2?", ["tier"]),
        ("what do we have on file for nordic timber?", []),
        ("loopt daar al een monitoringprogramma tegen kinderarbeid?", ["notes"]),
        ("do they have a grievance channel, what did we write down?", ["notes"]),
        ("since when is there a remediation programme there?", ["years", "notes"]),
    ],
)
def test_the_field_asked_for(text, fields):
    assert fields_asked(text) == fields


def supplier(session, name):
    return session.execute(select(Supplier).where(Supplier.name == name)).scalar_one()


def test_fields_in_both_languages_with_the_recorded_values(demo_db):
    today = dt.date(2025, 9, 4)
    with session_scope(demo_db) as session:
        riverbank = supplier(session, "Riverbank Knitwear")
        assert field_value(riverbank, "audit", "en", today) == "4 March 2025 (about 6 months ago)"
        assert field_value(riverbank, "audit", "nl", today) == "4 maart 2025 (ongeveer 6 maanden geleden)"
        assert field_value(riverbank, "contact", "en") == "F. Akter"
        assert field_value(riverbank, "share", "nl") == "38%"
        assert field_value(riverbank, "spend", "en") == "EUR 3,200,000 a year"
        assert field_value(riverbank, "spend", "nl") == "€ 3.200.000 per jaar"
        assert field_value(riverbank, "years", "nl") == "9 jaar klant"
        assert field_value(riverbank, "tier", "en") == "tier 1 (direct supplier)"
        assert field_value(riverbank, "country", "nl") == "Bangladesh"
        assert field_value(riverbank, "certifications", "en") == "amfori BSCI"
        assert field_value(riverbank, "risks", "nl").startswith("gezondheid en veiligheid, vrijheid van vakvereniging")


def test_an_empty_field_is_not_recorded_never_a_guess(demo_db):
    with session_scope(demo_db) as session:
        atacama = supplier(session, "Atacama Lithium")
        assert field_value(atacama, "audit", "en") == "not recorded"
        assert field_value(atacama, "certifications", "nl") == "niet vastgelegd"
        assert field_value(atacama, "tier", "en") == "tier 3 (indirect supplier)"
        [(key, values)] = record_messages(atacama, [], "en")
        assert key == "utter_supplier_record"
        assert values["record_lines"].count("\n") == 12  # all thirteen fields when none was named
        assert "• last audit: not recorded" in values["record_lines"]


def facts(name, risks, share, years=1, tier=1, spend=100):
    return SupplierFacts(hash(name) % 1000, name, "BD", tuple(risks), Decimal(share), years, tier, Decimal(spend))


def test_the_more_severe_supplier_comes_first_whatever_the_leverage():
    severe = facts("Severe Ltd", ["child_labour"], 1)
    moderate = facts("Moderate Ltd", ["working_hours", "living_wage"], 40)
    result = compare(moderate, severe)
    assert (result.first.facts.name, result.reason) == ("Severe Ltd", "severity")
    [(_key, values)] = compare_messages(result, "en")
    assert values["first"] == "Severe Ltd"
    assert "Severe Ltd has more severe risks (child labour: very severe)" in values["reason"]


def test_at_equal_severity_more_leverage_comes_first():
    low = facts("Low Leverage", ["forced_labour"], 2)
    high = facts("High Leverage", ["forced_labour"], 30)
    result = compare(low, high)
    assert (result.first.facts.name, result.reason) == ("High Leverage", "leverage")
    [(_key, values)] = compare_messages(result, "nl")
    assert "je invloed groter (groot tegen beperkt)" in values["reason"]


def test_ranking_puts_the_most_severe_first_and_unrecorded_risks_last():
    ranked = rank(
        [
            facts("No Risks", [], 50),
            facts("Water Only", ["water"], 50),
            facts("Forced Labour", ["forced_labour", "water"], 5),
            facts("Child Labour", ["child_labour"], 30),
        ],
        limit=4,
    )
    assert [p.facts.name for p in ranked] == ["Forced Labour", "Child Labour", "Water Only", "No Risks"]
