"""Which supplier a question is about (the one action with tracker fixtures, no servers)."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.respond import ActionRespond


def tracker(intent, text, slots=None, entities=()):
    return Tracker(
        "u",
        {"language": "en", **(slots or {})},
        {"text": text, "intent": {"name": intent}, "entities": list(entities)},
        [],
        False,
        None,
        None,
        "action_listen",
    )


def ask(demo_db, monkeypatch, *args, **kwargs):
    monkeypatch.setenv("DATABASE_URL", demo_db)
    dispatcher = CollectingDispatcher()
    events = ActionRespond().run(dispatcher, tracker(*args, **kwargs), {})
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def riverbank_id(demo_db):
    from sqlalchemy import select

    from actions.records.database import session_scope
    from actions.records.models import Supplier

    with session_scope(demo_db) as session:
        return float(session.execute(select(Supplier.id).where(Supplier.name == "Riverbank Knitwear")).scalar_one())


def test_a_record_question_about_the_supplier_in_focus(demo_db, monkeypatch):
    focus = {"supplier_id": riverbank_id(demo_db), "supplier_in_focus": True}
    messages, slots = ask(demo_db, monkeypatch, "ask_supplier_record", "whos the contact there", focus)
    assert messages[0]["response"] == "utter_supplier_record"
    assert messages[0]["record_lines"] == "• contact person: F. Akter"
    assert slots["supplier"] == "Riverbank Knitwear"


def test_a_guessed_unknown_name_does_not_replace_the_supplier_in_focus(demo_db, monkeypatch):
    focus = {"supplier_id": riverbank_id(demo_db), "supplier_in_focus": True}
    guessed = {"entity": "supplier", "value": "whos", "unknown_name": True}
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_record", "whos the contact", focus, [guessed])
    assert messages[0]["record_lines"] == "• contact person: F. Akter"


def test_a_named_supplier_wins_over_the_one_in_focus(demo_db, monkeypatch):
    focus = {"supplier_id": riverbank_id(demo_db), "supplier_in_focus": True}
    named = {"entity": "supplier", "value": "Lotus Weaving"}
    messages, slots = ask(demo_db, monkeypatch, "ask_leverage", "and lotus weaving?", focus, [named])
    assert [m["response"] for m in messages][:2] == ["utter_topic_for_supplier", "utter_supplier_leverage"]
    assert slots["supplier"] == "Lotus Weaving"


@pytest.mark.parametrize("intent, general", [("ask_leverage", "utter_leverage"), ("ask_is_enough", "utter_is_enough")])
def test_without_a_supplier_a_topic_gets_its_general_answer(demo_db, monkeypatch, intent, general):
    messages, _ = ask(demo_db, monkeypatch, intent, "how do we get more leverage")
    assert [m["response"] for m in messages] == [general]


def test_advice_without_a_supplier_asks_which_and_keeps_the_question(demo_db, monkeypatch):
    messages, slots = ask(demo_db, monkeypatch, "ask_supplier_record", "when were they audited?")
    assert [m["response"] for m in messages] == ["utter_ask_supplier"]
    assert slots["pending_intent"] == "ask_supplier_record" and slots["record_fields"] == ["audit"]


def test_an_unknown_name_is_said_to_be_unknown(demo_db, monkeypatch):
    unknown = {"entity": "supplier", "value": "fjordlaks", "unknown_name": True}
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_advice", "what about fjordlaks?", entities=[unknown])
    assert [(m["response"], m.get("name")) for m in messages] == [("utter_supplier_not_found", "fjordlaks")]
