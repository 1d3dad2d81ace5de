"""A question is asked once and a bare answer continues it (actions/asked.py, answer_actions.py): no form holds
the conversation. Tracker fixtures with the bot's last turn, no servers."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.asked import last_question, last_turn_responses
from actions.respond import ActionRespond

CASE = {"company_country": "NL", "harm_country": "BD", "government_money": "export_credit"}


def tracker(intent, text, asked=(), slots=None, entities=()):
    """This message, after a bot turn that sent the responses `asked` (and an older turn before it)."""
    message = {"text": text, "intent": {"name": intent}, "entities": list(entities)}
    events = [
        {"event": "bot", "text": "older", "metadata": {"utter_action": "utter_ask_country"}},
        {"event": "user", "text": "earlier", "parse_data": {}},
        *({"event": "bot", "text": "…", "metadata": {"utter_action": key}} for key in asked),
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": message},
    ]
    return Tracker("u", {"language": "en", **(slots or {})}, message, events, False, None, {}, "action_listen")


def run(action, demo_db, monkeypatch, *args, **kwargs):
    monkeypatch.setenv("DATABASE_URL", demo_db)
    dispatcher = CollectingDispatcher()
    events = action().run(dispatcher, tracker(*args, **kwargs), {})
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return [m.get("response") for m in dispatcher.messages], dispatcher.messages, slots


def route_text(messages):
    return " ".join(str(v) for m in messages for v in m.values() if isinstance(v, str))


def test_only_the_last_bot_turn_counts():
    assert last_turn_responses(tracker("inform", "india", asked=["utter_ask_harm_country"])) == [
        "utter_ask_harm_country"
    ]
    assert last_question(tracker("inform", "india", asked=["utter_ask_harm_country"])) == "harm_country"
    # the country question two turns ago is no longer open
    assert last_question(tracker("inform", "india", asked=["utter_greet"])) is None


def test_a_correction_right_after_the_route_keeps_the_rest_of_the_case(demo_db, monkeypatch):
    keys, messages, slots = run(
        ActionRespond,
        demo_db,
        monkeypatch,
        "inform",
        "no wait, it was a subsidy",
        asked=["utter_ncp_route", "utter_ncp_government"],
        slots=CASE,
        entities=[{"entity": "funding_type", "value": "subsidy"}],
    )
    assert slots == {**CASE, "government_money": "subsidy"}
    assert keys[0] == "utter_ncp_route" and "utter_ask_harm_country" not in keys
    assert "https://www.rvo.nl" in route_text(messages)


def test_a_government_money_question_right_after_the_route_corrects_it(demo_db, monkeypatch):
    keys, _messages, slots = run(
        ActionRespond,
        demo_db,
        monkeypatch,
        "ask_government_funding",
        "sorry, it was a subsidy, not export credit",
        asked=["utter_ncp_route"],
        slots=CASE,
        entities=[{"entity": "funding_type", "value": "subsidy"}],
    )
    assert slots["harm_country"] == "BD" and slots["government_money"] == "subsidy"
    assert keys[0] == "utter_ncp_route"


def test_the_home_country_said_after_the_route_corrects_the_company_country(demo_db, monkeypatch):
    _keys, _messages, slots = run(
        ActionRespond,
        demo_db,
        monkeypatch,
        "inform",
        "we zijn een nederlands bedrijf",
        asked=["utter_ncp_route"],
        slots={**CASE, "company_country": "DE"},
    )
    assert slots["company_country"] == "NL" and slots["harm_country"] == "BD"


@pytest.mark.parametrize(
    "intent, text, entities, expected",
    [
        ("inform", "india", [{"entity": "country", "value": "IN"}], {"harm_country": "IN"}),
        ("nlu_fallback", "indonesie", [], {"harm_country": "ID"}),
    ],
)
def test_an_answer_to_the_asked_detail_fills_it_and_asks_the_next(
    demo_db, monkeypatch, intent, text, entities, expected
):
    keys, _messages, slots = run(
        ActionRespond,
        demo_db,
        monkeypatch,
        intent,
        text,
        asked=["utter_ask_harm_country"],
        slots={"company_country": "NL"},
        entities=entities,
    )
    assert {k: slots[k] for k in expected} == expected
    assert keys == ["utter_ask_government_money"]


def test_no_to_the_government_money_question_gives_the_route_without_it(demo_db, monkeypatch):
    keys, _messages, slots = run(
        ActionRespond,
        demo_db,
        monkeypatch,
        "deny",
        "no",
        asked=["utter_ask_government_money"],
        slots={"company_country": "NL", "harm_country": "IN"},
    )
    assert slots["government_money"] == "none"
    assert keys == ["utter_ncp_route"]


def test_the_offer_declined_and_accepted(demo_db, monkeypatch):
    keys, *_ = run(ActionRespond, demo_db, monkeypatch, "deny", "no thanks", asked=["utter_offer_ncp_route"])
    assert keys == ["utter_anything_else"]
    keys, _messages, slots = run(ActionRespond, demo_db, monkeypatch, "affirm", "yes", asked=["utter_offer_ncp_route"])
    assert keys == ["utter_ask_company_country"]  # every question: the complaint may be about another company
    assert slots == {"company_country": None, "harm_country": None, "government_money": None}


def test_a_bare_yes_or_no_with_no_question_open_asks_what_next(demo_db, monkeypatch):
    for intent in ("affirm", "deny"):
        keys, *_ = run(ActionRespond, demo_db, monkeypatch, intent, "ok", asked=["utter_greet"])
        assert keys == ["utter_ask_what_next"]


def test_the_country_answer_gives_country_advice(demo_db, monkeypatch):
    keys, messages, slots = run(
        ActionRespond,
        demo_db,
        monkeypatch,
        "inform",
        "vietnam",
        asked=["utter_ask_country"],
        slots={"risk_type": "forced_labour"},
        entities=[{"entity": "country", "value": "VN"}],
    )
    assert slots["country"] == "VN"
    assert "utter_ask_country" not in keys and keys
    assert "Vietnam" in route_text(messages)


def test_an_ncp_question_naming_a_supplier_without_route_words_is_about_that_supplier(demo_db, monkeypatch):
    keys, _messages, slots = run(
        ActionRespond,
        demo_db,
        monkeypatch,
        "ask_ncp_complaint",
        "naivasha flower farm, harassment complaints from 2023 - where do we start",
        entities=[{"entity": "supplier", "value": "naivasha flower farm"}],
    )
    assert slots.get("supplier") == "Naivasha Flower Farm"
    assert not any(k and k.startswith("utter_ask_") for k in keys)


def test_unsure_between_a_topic_and_the_record_of_the_supplier_in_focus_answers_from_the_record(demo_db, monkeypatch):
    from tests.test_supplier_question import riverbank_id

    monkeypatch.setenv("DATABASE_URL", demo_db)
    message = {
        "text": "welke certificering hebben ze",
        "intent": {"name": "nlu_fallback"},
        "entities": [],
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.4},
            {"name": "ask_certification", "confidence": 0.38},
            {"name": "ask_supplier_record", "confidence": 0.35},
        ],
    }
    slots = {"language": "nl", "supplier_in_focus": True, "supplier_id": riverbank_id(demo_db)}
    tracker = Tracker("u", slots, message, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    ActionRespond().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_supplier_record"]
    assert "amfori BSCI" in route_text(dispatcher.messages)


def test_a_country_answered_for_the_company_is_not_also_taken_as_where_the_harm_is(demo_db, monkeypatch):
    keys, _messages, slots = run(
        ActionRespond,
        demo_db,
        monkeypatch,
        "inform",
        "The Netherlands",
        asked=["utter_ask_company_country"],
        slots={"company_country": None, "harm_country": None, "government_money": None},
        entities=[{"entity": "country", "value": "NL"}],
    )
    assert slots == {"company_country": "NL", "harm_country": None, "government_money": None}
    assert keys == ["utter_ask_harm_country"]


def test_yes_to_shall_i_draft_a_plan_drafts_it(demo_db, monkeypatch):
    from tests.test_supplier_question import riverbank_id

    focus = {"supplier_in_focus": True, "supplier_id": riverbank_id(demo_db)}
    keys, *_ = run(ActionRespond, demo_db, monkeypatch, "affirm", "yes please", asked=["utter_plan_none"], slots=focus)
    assert keys and keys[0] == "utter_plan_drafted"
    keys, *_ = run(ActionRespond, demo_db, monkeypatch, "deny", "no", asked=["utter_plan_none"], slots=focus)
    assert keys == ["utter_anything_else"]


# --- a reply read as yes/no, or an unsure reading, that still names (or tries) a supplier -------------------


def test_another_name_tried_after_not_found_is_looked_up_not_taken_as_stop(demo_db, monkeypatch):
    keys, messages, _ = run(
        ActionRespond,
        demo_db,
        monkeypatch,
        "deny",
        "or is it called vd berg stoffen",
        asked=["utter_supplier_not_found"],
    )
    assert keys == ["utter_supplier_not_found"] and "vd berg stoffen" in route_text(messages)


@pytest.mark.parametrize("text", ["no, stop", "nee laat maar", "never mind"])
def test_a_plain_no_to_which_supplier_stops(demo_db, monkeypatch, text):
    keys, _, _ = run(ActionRespond, demo_db, monkeypatch, "deny", text, asked=["utter_ask_supplier"])
    assert keys == ["utter_form_stopped"]


def test_a_supplier_named_in_a_reply_read_as_yes_gets_its_advice(demo_db, monkeypatch):
    keys, messages, _ = run(
        ActionRespond,
        demo_db,
        monkeypatch,
        "affirm",
        "ok then riverbnak knitwear",
        entities=[{"entity": "supplier", "value": "Riverbank Knitwear"}],
    )
    assert keys[0] == "utter_supplier_short" and messages[0]["supplier"] == "Riverbank Knitwear"


def test_an_unsure_question_about_an_unknown_supplier_says_it_is_not_in_the_records(demo_db, monkeypatch):

    monkeypatch.setenv("DATABASE_URL", demo_db)
    t = tracker("nlu_fallback", "what should we do about fjordlaks?")
    t.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "ask_supplier_advice", "confidence": 0.39},
        {"name": "ask_communicating", "confidence": 0.16},
    ]
    t.latest_message["entities"] = [{"entity": "supplier", "value": "fjordlaks", "unknown_name": True}]
    dispatcher = CollectingDispatcher()
    ActionRespond().run(dispatcher, t, {})
    assert [m.get("response") for m in dispatcher.messages] == ["utter_supplier_not_found"]
    assert dispatcher.messages[0]["name"] == "fjordlaks"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ningbo solar, we're only 2.5% of their turnover. what can we do", "utter_supplier_short"),
        ("ningbo solar: how do we set up a grievance mechanism?", "utter_remediation"),
    ],
)
def test_a_supplier_named_in_a_remediation_reading_without_remedy_words_gets_advice(
    demo_db, monkeypatch, text, expected
):

    keys, messages, _ = run(
        ActionRespond,
        demo_db,
        monkeypatch,
        "ask_remediation",
        text,
        entities=[{"entity": "supplier", "value": "Ningbo Solar Panels"}],
    )
    assert keys[0] == expected
    if expected == "utter_supplier_short":
        assert messages[0]["supplier"] == "Ningbo Solar Panels"
