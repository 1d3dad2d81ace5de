"""Finding a supplier from what a user typed."""

import pytest

from actions.answers.supplier import choose
from actions.records import supplier_csv
from actions.records.database import session_scope
from actions.records.supplier_lookup import Candidate, find_suppliers


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


@pytest.mark.parametrize(
    "typed, expected_order",
    [
        ("porto footwear", ["Porto Footwear"]),
        ("footwear porto", ["Porto Footwear", "Saigon Footwear"]),
        ("the porto footwear", ["Porto Footwear", "Saigon Footwear"]),
        ("saigon footwear co", ["Saigon Footwear"]),  # the name with a legal form: exact
        ("mindanao banana", ["Mindanao Banana Export", "San Pedro Banana Growers"]),
        ("banana export", ["Mindanao Banana Export", "San Pedro Banana Growers"]),
    ],
    ids=[
        "porto footwear",
        "footwear porto",
        "the porto footwear",
        "saigon footwear co",
        "mindanao banana",
        "banana export",
    ],
)
def test_close_names_are_ranked_best_match_first(demo_db, typed, expected_order):
    """With two similar supplier names, the one the user typed comes first (and is offered first)."""
    assert names(demo_db, typed) == expected_order


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("porto footwear", "Porto Footwear"),
        ("footwear porto", "Porto Footwear"),
        ("saigon footwear co", "Saigon Footwear"),
        ("mindanao banana", "Mindanao Banana Export"),
        ("abidjan cocoa export", "Abidjan Cacao Export"),
        ("ashanti cacao farmers", "Ashanti Cocoa Farmers"),
    ],
)
def test_clear_winner_among_close_names_is_chosen(demo_db, typed, expected):
    """Advice is given for the supplier the user meant, not for a look-alike."""
    with session_scope(demo_db) as session:
        chosen = choose(find_suppliers(session, typed))
    assert chosen is not None and chosen.name == expected


@pytest.mark.parametrize("typed", ["banana export", "ashanti cacao", "footwear"])
def test_two_equally_close_names_are_not_guessed(demo_db, typed):
    """When two suppliers fit about equally well, the user is asked which one ("did you mean")."""
    with session_scope(demo_db) as session:
        candidates = find_suppliers(session, typed)
        assert len(candidates) >= 2
        assert choose(candidates) is None


def test_choose_takes_the_first_candidate_only_when_it_clearly_wins():
    """choose() on ranked candidates: a clear winner is the first one; close scores or a weak best give None."""
    porto = Candidate(1, "Porto Footwear", "PT", 95.0)
    saigon = Candidate(2, "Saigon Footwear", "VN", 69.1)
    assert choose([porto, saigon]) == porto
    assert choose([porto]) == porto
    assert choose([Candidate(3, "Mindanao Banana Export", "PH", 95.0), Candidate(4, "San Pedro", "HN", 85.5)]).name == (
        "Mindanao Banana Export"
    )
    assert choose([Candidate(3, "Mindanao Banana Export", "PH", 90.0), Candidate(4, "San Pedro", "HN", 85.5)]) is None
    assert choose([Candidate(5, "Abidjan Cacao Export", "CI", 85.5), Candidate(6, "Ashanti", "GH", 85.5)]) is None
    assert choose([Candidate(7, "Weak Match", "PT", 80.0)]) is None
    assert choose([]) is None
