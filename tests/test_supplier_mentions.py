"""Suppliers found inside whole messages, from the live records, as people type them."""

import pytest

from actions.records import supplier_csv
from actions.records.database import session_scope
from actions.records.supplier_lookup import supplier_index
from actions.records.supplier_mentions import find_mentions

# Words of ordinary questions (the trained model supplies the real list: components/supplier_matcher.py).
COMMON = frozenset(
    """what should we do about the status of need advice on how much leverage have at when were they last audited
    which certification fits for cocoa our supplier footwear mill banana and or first hoeveel invloed hebben bij
    wie is daar onze contactpersoon welke heeft eigenlijk is dat genoeg coffee textiles seafood""".split()
)
IMPORTED = "Carpathian Footwear SRL,RO,Cluj,footwear,shoes,,,,,,,,,\nNordic Timber AB,SE,Umea,timber,logs,,,,,,,,,\n"


@pytest.fixture
def records(demo_db, tmp_path):
    path = tmp_path / "more.csv"
    path.write_text(",".join(supplier_csv.HEADER) + "\n" + IMPORTED, encoding="utf-8")
    supplier_csv.import_file(path, demo_db)
    with session_scope(demo_db) as session:
        return supplier_index(session)


def named(index, text):
    return [(m.text, m.supplier.name if m.supplier else None) for m in find_mentions(index, text, COMMON)]


@pytest.mark.parametrize(
    "text, typed, name",
    [
        ("need advice on carpathian footwear, what should we do?", "carpathian footwear", "Carpathian Footwear SRL"),
        ("what's the status of nordic timber", "nordic timber", "Nordic Timber AB"),
        ("status of Nordic Timber AB?", "Nordic Timber AB", "Nordic Timber AB"),
        ("hoeveel invloed hebben we bij carpathian?", "carpathian", "Carpathian Footwear SRL"),
        ("what about riverbank's last audit", "riverbank", "Riverbank Knitwear"),
        ("Rivrbank knitware??", "Rivrbank knitware", "Riverbank Knitwear"),
        ("we talked to holguin sugar mill yesterday", "holguin sugar mill", "Holguin Sugar Mill"),
        ("WHAT ABOUT TABACALERA DEL VALLE", "TABACALERA DEL VALLE", "Tabacalera del Valle"),
        ("en tabacalera del vale?", "tabacalera del vale", "Tabacalera del Valle"),
    ],
)
def test_a_supplier_is_found_as_people_type_it(records, text, typed, name):
    assert named(records, text) == [(typed, name)]


def test_two_suppliers_in_one_message_in_order(records):
    found = named(records, "golden dragon or lotus weaving first?")
    assert found == [("golden dragon", "Golden Dragon Electronics"), ("lotus weaving", "Lotus Weaving")]


def test_common_words_alone_name_no_supplier(records):
    assert named(records, "which certification fits cocoa?") == []
    assert named(records, "our footwear supplier and the banana mill") == []


def test_an_unknown_name_is_not_turned_into_a_known_one(records):
    assert named(records, "need advice on fjordlaks seafood") == []


def test_a_word_several_suppliers_share_is_not_decided_by_name_length(records):
    [mention] = find_mentions(records, "how is the seafood processor doing", COMMON - {"seafood"})
    assert mention.supplier is None
    assert {c.name for c in mention.candidates} == {"Mekong Seafood Processing", "Songkhla Seafood"}


def test_a_word_two_suppliers_share_is_not_decided(records, demo_db, tmp_path):
    path = tmp_path / "twin.csv"
    path.write_text(
        ",".join(supplier_csv.HEADER) + "\nRiverbank Dyeing,BD,Dhaka,textiles,,,,,,,,,,\n", encoding="utf-8"
    )
    supplier_csv.import_file(path, demo_db)
    with session_scope(demo_db) as session:
        index = supplier_index(session)
    [mention] = find_mentions(index, "how is riverbank doing?", COMMON)
    assert mention.supplier is None
    assert {c.name for c in mention.candidates} == {"Riverbank Knitwear", "Riverbank Dyeing"}
    [mention] = find_mentions(index, "how is riverbank knitwear doing?", COMMON)
    assert mention.supplier.name == "Riverbank Knitwear"
