"""Never another supplier's data: a look-alike name is asked about and shows nothing of the record; a name like
no supplier's is said not to be in the records; ordinary words never name a supplier (demo records, no servers)."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.records.database import session_scope
from actions.records.supplier_lookup import supplier_index
from actions.records.supplier_mentions import find_mentions
from actions.respond import ActionRespond

# what was typed -> ("answer", the supplier answered for) | ("ask", the names offered) | ("not found", None)
LOOKALIKES = [
    ("Dhaka Denim Works", "ask", ["Dhaka Leather Goods"]),
    ("dhaka denim", "ask", ["Dhaka Leather Goods"]),
    ("Karnataka Stone", "ask", ["Karnataka Granite Works"]),
    ("Mekong Fish", "ask", ["Mekong Seafood Processing"]),
    ("Ningbo Solar Glass", "ask", ["Ningbo Solar Panels"]),
    ("Golden Dragon Toys", "ask", ["Golden Dragon Electronics"]),
    ("Kivu Gold Mining", "ask", ["Kivu Tin Mining"]),
    ("Istanbul Denim", "ask", ["Istanbul Metal Parts"]),
    ("coffee", "ask", ["Sidamo Highland Coffee", "Sumatra Coffee Growers"]),
    ("Fjordlaks AS", "not found", None),
    ("Fjordlaks Seafood AS", "ask", []),  # not in the records; the seafood suppliers are offered
    ("Acme Widgets", "not found", None),
    ("Nordic Timber", "not found", None),
    ("sumatra coffee", "answer", "Sumatra Coffee Growers"),
    ("sidamo coffee", "answer", "Sidamo Highland Coffee"),
    ("riverbnak", "answer", "Riverbank Knitwear"),
    ("hebei steel", "answer", "Hebei Steel Wire"),
    ("Penang Assembly", "answer", "Penang Semicon Assembly"),
]


def ask_about(demo_db, monkeypatch, typed):
    monkeypatch.setenv("DATABASE_URL", demo_db)
    message = {
        "text": f"what is our share at {typed}?",
        "intent": {"name": "ask_supplier_record", "confidence": 0.9},
        "entities": [{"entity": "supplier", "value": typed}],
    }
    dispatcher = CollectingDispatcher()
    ActionRespond().run(dispatcher, Tracker("u", {"language": "en"}, message, [], False, None, {}, "action_listen"), {})
    return dispatcher.messages


@pytest.mark.parametrize("typed, outcome, expected", LOOKALIKES, ids=[t for t, _o, _e in LOOKALIKES])
def test_a_look_alike_name_is_asked_about_and_shows_nothing(demo_db, monkeypatch, typed, outcome, expected):
    messages = ask_about(demo_db, monkeypatch, typed)
    keys = [m["response"] for m in messages]
    if outcome == "answer":
        assert keys == ["utter_supplier_record"] and messages[0]["supplier"] == expected
        return
    assert "utter_supplier_record" not in keys and not any("%" in str(m) for m in messages), messages
    if outcome == "not found":
        assert keys == ["utter_supplier_not_found"], messages
    else:
        assert keys in (["utter_near_name"], ["utter_did_you_mean"]), messages
        offered = [b["title"].split(" (")[0] for b in messages[0]["buttons"]]
        assert set(expected) <= set(offered[:2]), offered


@pytest.mark.parametrize("typed", [t for t, outcome, _e in LOOKALIKES if outcome != "answer"])
def test_no_record_is_shown_for_a_look_alike_even_with_a_looser_lookup(demo_db, monkeypatch, typed):
    """The guard is that every word typed must be in the name, not the lookup's score cut-off."""
    from actions.records import supplier_lookup

    monkeypatch.setattr(supplier_lookup, "SCORE_CUTOFF", 40)
    keys = [m["response"] for m in ask_about(demo_db, monkeypatch, typed)]
    assert keys in (["utter_near_name"], ["utter_did_you_mean"], ["utter_supplier_not_found"]), keys


def test_a_name_that_goes_on_as_another_is_not_the_supplier_it_starts_like(demo_db):
    with session_scope(demo_db) as session:
        index = supplier_index(session)
        sentence = "hoeveel kopen we in bij Dhaka Denim Works en hoe groot is ons aandeel daar?"
        (mention,) = find_mentions(index, sentence, frozenset(sentence.lower().split()) - {"dhaka", "denim", "works"})
        assert (mention.text, mention.supplier) == ("Dhaka Denim Works", None)
        assert not find_mentions(index, "sources?", frozenset())
        assert not find_mentions(index, "how long of a notice period is reasonable?", frozenset())
