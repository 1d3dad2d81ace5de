"""Finding a supplier from what a user typed."""

import pytest

from actions.records import supplier_csv
from actions.records.database import session_scope
from actions.records.supplier_lookup import find_suppliers
from actions.supplier_actions import choose


def names(url, text, **kwargs):
    with session_scope(url) as session:
        return [c.name for c in find_suppliers(session, text, **kwargs)]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Riverbank Knitwear", "Riverbank Knitwear"),
        ("riverbank knitwear", "Riverbank Knitwear"),
        ("RIVERBANK", "Riverbank Knitwear"),
        ("Rivrbank Knitware", "Riverbank Knitwear"),
        ("lotus", "Lotus Weaving"),
        ("Holguín Sugar Mill", "Holguin Sugar Mill"),
        ("tabacalera del vale", "Tabacalera del Valle"),
        ("shenzen bright", "Shenzhen Bright Components"),
    ],
)
def test_exact_accent_partial_and_misspelt_names(demo_db, typed, expected):
    found = names(demo_db, typed)
    assert found and found[0] == expected
    with session_scope(demo_db) as session:
        assert choose(find_suppliers(session, typed)).name == expected


def test_unknown_names_find_nothing(demo_db):
    assert names(demo_db, "Acme Widgets Incorporated") == []
    assert names(demo_db, "") == []


def test_two_close_names_are_offered_as_did_you_mean(demo_db, tmp_path):
    header = ",".join(supplier_csv.HEADER)
    path = tmp_path / "more.csv"
    path.write_text(header + "\nLotus Weaving,BD,Dhaka,textiles,rugs,,,,,,,,,\n", encoding="utf-8")
    supplier_csv.import_file(path, demo_db)
    with session_scope(demo_db) as session:
        candidates = find_suppliers(session, "Lotus Weaving")
        assert {c.country_iso2 for c in candidates[:2]} == {"IN", "BD"}
        assert choose(candidates) is None
        assert [c.name for c in find_suppliers(session, "Lotus Weaving", country_iso2="BD")] == ["Lotus Weaving"]


def test_index_follows_an_import(demo_db, tmp_path):
    assert "Brand New Textiles" not in names(demo_db, "Brand New Textiles")
    path = tmp_path / "new.csv"
    path.write_text(",".join(supplier_csv.HEADER) + "\nBrand New Textiles,IN,,,,,,,,,,,,\n", encoding="utf-8")
    supplier_csv.import_file(path, demo_db)
    assert names(demo_db, "Brand New Textiles")[0] == "Brand New Textiles"
