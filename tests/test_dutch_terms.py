"""Dutch as a Dutch IMVO professional writes it: record data through the canonical lists in the
user's language, one term per thing, and the Dutch and English answers saying the same."""

import pytest
import yaml

from actions.advice import render
from actions.advice.advice import advise_supplier
from actions.advice.wording import entry
from actions.records.database import session_scope
from actions.records.models import Supplier
from actions.reference import catalogue
from tests.project import ROOT


def dutch_texts():
    found = []
    for path in sorted((ROOT / "domain").glob("*.yml")):
        for name, variations in (yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}).items():
            for variation in variations:
                if variation.get("condition") == [{"type": "slot", "name": "language", "value": "nl"}]:
                    found.append((f"{path.name} {name}", variation["text"]))

    def walk(node, where):
        if isinstance(node, dict):
            if "nl" in node and isinstance(node["nl"], str):
                found.append((where, node["nl"]))
            for key, child in node.items():
                walk(child, f"{where}.{key}")

    walk(entry(), "wording.yml")
    return found


@pytest.mark.parametrize("wrong, right", [("omvang", "schaal"), ("slotverklaring", "eindverklaring")])
def test_one_dutch_term_per_thing(wrong, right):
    """Scale is "schaal" (not "omvang"); the NCP's final statement is always the "eindverklaring"."""
    for where, text in dutch_texts():
        assert wrong not in text.lower(), f"{where}: '{wrong}' instead of '{right}'"


def test_exit_says_the_same_in_both_languages():
    """Both: consider ending, as a last resort, after improvement failed (not "Beëindig" against "consider")."""
    for key in ("severe_low", "severe_high", "moderate"):
        nl, en = entry("disengagement", key, "nl"), entry("disengagement", key, "en")
        assert "overweeg" in nl.lower() and "laatste redmiddel" in nl and "ondanks alle inspanningen" in nl, key
        assert "consider ending" in en.lower() and "last resort" in en and "despite all efforts" in en, key
    for where, text in dutch_texts():
        assert "Beëindig " not in text, where


def test_dutch_advice_shows_record_data_through_the_canonical_lists(demo_db):
    with session_scope(demo_db) as session:
        for supplier in session.query(Supplier).all():
            advice = advise_supplier(supplier)
            summary = dict(render.supplier_messages(advice, "nl"))["utter_supplier_summary"]
            codes = catalogue.sector_codes_in(supplier.sector)
            if codes:
                assert summary["sector"] == ", ".join(catalogue.sector(c).name_nl for c in codes), supplier.name
            else:
                assert summary["sector"] == f"“{supplier.sector}” (in jullie gegevens)", supplier.name
    assert catalogue.sector("garments").name_nl == "kleding en textiel"


def test_record_text_in_dutch_replies_is_labelled_as_the_records(demo_db):
    text = (ROOT / "domain/advice.yml").read_text(encoding="utf-8")
    assert "producten in jullie gegevens: {products}" in text and "Notities in jullie gegevens: {notes}" in text
    with session_scope(demo_db) as session:
        riverbank = session.query(Supplier).filter(Supplier.name == "Riverbank Knitwear").one()
        summary = dict(render.supplier_messages(advise_supplier(riverbank), "nl"))["utter_supplier_summary"]
    assert summary["sector"] == "kleding en textiel"
