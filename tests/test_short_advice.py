"""Short advice first: at most eight lines with the facts a consultant must not miss, and a button for each
part of the full advice whose payload the assistant answers for that supplier (tracker fixtures, no servers)."""

import json

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.advice.advice import advise_supplier
from actions.advice.short_advice import short_advice_messages
from actions.advice.topics import SUPPLIER_TOPICS
from actions.records.database import session_scope
from actions.records.models import Supplier
from actions.respond import ActionRespond
from tests.project import ROOT, domain
from tests.replies import text_of

# China and Cuba (unions prohibited by law), Bangladesh and India (ITUC 5+), Poland (neither).
SUPPLIERS = (
    "Golden Dragon Electronics",
    "Tabacalera del Valle",
    "Riverbank Knitwear",
    "Lotus Weaving",
    "Gdansk Furniture",
    "Guangzhou Toy Factory",
)
MAX_LINES = 9  # the header, the record's notes, three risks, leverage, country, this week, the prompt


def advice_for(demo_db, name):
    with session_scope(demo_db) as session:
        supplier = session.execute(select(Supplier).where(Supplier.name == name)).scalar_one()
        return advise_supplier(supplier)


def summary(advice, language):
    (key, values), *rest = short_advice_messages(advice, language)
    assert key == "utter_supplier_short" and not rest
    return text_of(key, {k: v for k, v in values.items() if k != "buttons"}, language), values["buttons"]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", SUPPLIERS)
def test_the_summary_has_at_most_nine_lines_with_the_facts_not_to_miss(demo_db, name, language):
    advice = advice_for(demo_db, name)
    text, _ = summary(advice, language)
    lines = text.split("\n")
    assert len(lines) <= MAX_LINES, text
    header = {"nl": "Advies voor", "en": "Advice for"}[language]
    country = advice.country.name_nl if language == "nl" else advice.country.name_en
    assert lines[0].startswith(f"{header} {name} ({country}, "), lines[0]
    assert ("sector: " in lines[0]) and all(line.strip() for line in lines)
    risk_lines = [line for line in lines if line.startswith("• ")]
    assert len(risk_lines) == min(3, len(advice.risks)) and len(risk_lines) >= 2
    # the most severe first, each with its first measure
    for line, risk in zip(risk_lines, advice.risks[: len(risk_lines)], strict=True):
        risk_name = (risk.name_nl if language == "nl" else risk.name_en).capitalize()
        assert line.startswith(f"• {risk_name} ("), (line, risk)
        assert len(line.split("): ", 1)[1]) > 30, line
    leverage = {"nl": "Invloed: ", "en": "Leverage: "}[language]
    assert sum(line.startswith(leverage) for line in lines) == 1
    this_week = {"nl": "Deze week: ", "en": "This week: "}[language]
    assert sum(line.startswith(this_week) for line in lines) == 1


@pytest.mark.parametrize(
    "name, language, country_line",
    [
        ("Golden Dragon Electronics", "nl", "In China zijn onafhankelijke vakbonden bij wet verboden"),
        ("Golden Dragon Electronics", "en", "In China independent trade unions are prohibited by law"),
        ("Tabacalera del Valle", "en", "In Cuba independent trade unions are prohibited by law"),
        ("Riverbank Knitwear", "nl", "In Bangladesh kunnen werknemers zich nauwelijks organiseren"),
        ("Riverbank Knitwear", "en", "In Bangladesh workers can hardly organise (ITUC Global Rights Index"),
    ],
)
def test_the_country_line_is_there_where_workers_cannot_organise(demo_db, name, language, country_line):
    text, _ = summary(advice_for(demo_db, name), language)
    assert country_line in text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_country_line_where_unions_are_not_restricted(demo_db, language):
    text, _ = summary(advice_for(demo_db, "Gdansk Furniture"), language)
    assert "Polen" in text or "Poland" in text
    assert "vakbond" not in text.lower() and "union" not in text.lower()


def test_china_summary_in_dutch_says_what_to_do_about_unions_and_this_week(demo_db):
    text, _ = summary(advice_for(demo_db, "Golden Dragon Electronics"), "nl")
    assert "Dwangarbeid (zeer ernstig): Controleer wervingskosten, ingehouden paspoorten en schuldslavernij." in text
    assert "Deze week: vraag de leverancier schriftelijk naar de wervingsbureaus" in text
    assert "Kies hieronder een onderdeel voor meer uitleg, of vraag om het volledige advies." in text


def test_the_leverage_verdict_follows_the_records(demo_db):
    text, _ = summary(advice_for(demo_db, "Lotus Weaving"), "en")
    assert "Leverage: high (your purchases are 30% of their turnover, a customer for 12 years)" in text


def _intents_with_rules():
    routed = {}
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            steps = rule["steps"]
            if len(steps) == 2 and "intent" in steps[0]:
                routed[steps[0]["intent"]] = steps[1]["action"]
    return routed


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_part_has_a_button_with_a_valid_payload(demo_db, language):
    _, buttons = summary(advice_for(demo_db, "Golden Dragon Electronics"), language)
    intents, routed = set(domain()["intents"]), _intents_with_rules()
    payloads = []
    for button in buttons:
        assert button["title"].strip() and len(button["title"]) <= 75  # Slack's limit for a button title
        intent, _, entities = button["payload"].lstrip("/").partition("{")
        assert button["payload"].startswith("/") and intent in intents and intent in routed, button
        assert json.loads("{" + entities)["supplier"] == "Golden Dragon Electronics"
        payloads.append(button["payload"])
    titles = [b["title"] for b in buttons]
    expected = {
        "nl": [
            "Risico's en maatregelen",
            "Invloed",
            "Land: China",
            "Keurmerken en partners",
            "Relatie beëindigen?",
            "Bronnen",
            "Maak een plan",
            "Volledig advies",
        ],
        "en": [
            "Risks and measures",
            "Leverage",
            "Country: China",
            "Schemes and partners",
            "Ending the relationship?",
            "Sources",
            "Make a plan",
            "Full advice",
        ],
    }[language]
    assert titles == expected
    assert len(set(payloads)) == len(payloads)
    assert '/ask_full_advice{"supplier": "Golden Dragon Electronics"}' in payloads


def tracker(intent, text, entities=(), slots=None, language="en"):
    return Tracker(
        "u",
        {"language": language, **(slots or {})},
        {"text": text, "intent": {"name": intent}, "entities": list(entities)},
        [],
        False,
        None,
        None,
        "action_listen",
    )


def run(demo_db, monkeypatch, *args, **kwargs):
    monkeypatch.setenv("DATABASE_URL", demo_db)
    dispatcher = CollectingDispatcher()
    ActionRespond().run(dispatcher, tracker(*args, **kwargs), {})
    return dispatcher.messages


def seen(messages, language="en"):
    shown = []
    for m in messages:
        values = {k: v for k, v in m.items() if k not in ("response", "buttons", "text", "template")}
        shown.append(text_of(m["response"], values, language))
    return "\n".join(shown)


def payload_entities(payload):
    intent, _, entities = payload.lstrip("/").partition("{")
    values = json.loads("{" + entities)
    return intent, [{"entity": k, "value": v} for k, v in values.items()]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_supplier_advice_question_is_answered_with_the_summary_and_its_buttons(demo_db, monkeypatch, language):
    named = [{"entity": "supplier", "value": "Golden Dragon Electronics"}]
    messages = run(demo_db, monkeypatch, "ask_supplier_advice", "golden dragon?", named, language=language)
    assert [m["response"] for m in messages] == ["utter_supplier_short"]
    assert len(messages[0]["buttons"]) == 8
    assert len(seen(messages, language).split("\n")) <= MAX_LINES


# What each button's answer must contain: the part of the full advice it stands for.
PART_SHOWN = {
    "Risks and measures": "Known risks at Golden Dragon Electronics, most severe first",
    "Leverage": "Your leverage over Golden Dragon Electronics:",
    "Country: China": "Country context – China:",
    "Schemes and partners": "Certification schemes and initiatives that fit (Golden Dragon Electronics)",
    "Ending the relationship?": "When does ending the relationship with Golden Dragon Electronics become",
    "Sources": "Sources of the facts used:",
    "Full advice": "Notes in your records:",
}


def test_each_advice_button_is_answered_with_its_part_for_that_supplier(demo_db, monkeypatch):
    named = [{"entity": "supplier", "value": "Golden Dragon Electronics"}]
    buttons = run(demo_db, monkeypatch, "ask_supplier_advice", "golden dragon?", named)[0]["buttons"]
    # the focus moved on to another supplier: the button still answers for Golden Dragon
    focus = {"supplier_id": 1.0, "supplier_in_focus": True}
    for button in buttons:
        if button["title"] not in PART_SHOWN:
            continue
        intent, entities = payload_entities(button["payload"])
        reply = seen(run(demo_db, monkeypatch, intent, button["payload"], entities, focus))
        assert PART_SHOWN[button["title"]] in reply, (button, reply[:300])
        if button["title"] == "Sources":
            assert "Advice for" not in reply and "Known risks" not in reply
        if button["title"] == "Full advice":
            for part in PART_SHOWN.values():
                assert part in reply, part
    assert {b["title"] for b in buttons} - set(PART_SHOWN) == {"Make a plan"}


def test_the_schemes_follow_up_names_partners_too(demo_db, monkeypatch):
    named = [{"entity": "supplier", "value": "Golden Dragon Electronics"}]
    reply = seen(run(demo_db, monkeypatch, "ask_certification", "and certification?", named))
    assert "Who to work with (Golden Dragon Electronics)?\nWork with: labour-rights NGOs" in reply
    assert SUPPLIER_TOPICS["ask_certification"].parts == ("utter_fitting_schemes", "utter_supplier_partners")


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_full_advice", "give me the full advice"),
        ("ask_supplier_advice", "give me the full advice"),  # read as a new advice question: still the full text
        ("ask_full_advice", "volledig advies"),
    ],
)
def test_the_full_advice_for_the_supplier_in_focus(demo_db, monkeypatch, intent, text):
    with session_scope(demo_db) as session:
        riverbank = session.execute(select(Supplier.id).where(Supplier.name == "Riverbank Knitwear")).scalar_one()
    focus = {"supplier_id": float(riverbank), "supplier_in_focus": True}
    messages = run(demo_db, monkeypatch, intent, text, slots=focus)
    responses = [m["response"] for m in messages]
    assert responses[0] == "utter_supplier_summary" and "utter_supplier_short" not in responses
    assert responses[-1] == "utter_advice_sources" and len(responses) == 8


def test_full_advice_without_a_supplier_asks_which_and_gives_it_when_told(demo_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_db)
    dispatcher = CollectingDispatcher()
    events = ActionRespond().run(dispatcher, tracker("ask_full_advice", "the full advice please"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_supplier"]
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots["pending_intent"] == "ask_full_advice"
    answered = run(
        demo_db,
        monkeypatch,
        "inform",
        "Riverbank Knitwear",
        [{"entity": "supplier", "value": "Riverbank Knitwear"}],
        {"pending_intent": "ask_full_advice"},
    )
    assert answered[0]["response"] == "utter_supplier_summary"


def test_a_part_opened_with_a_button_offers_the_other_parts_and_a_typed_follow_up_does_not(demo_db, monkeypatch):
    named = [{"entity": "supplier", "value": "Golden Dragon Electronics"}]
    buttons = run(demo_db, monkeypatch, "ask_supplier_advice", "golden dragon?", named)[0]["buttons"]
    leverage = next(b for b in buttons if b["title"] == "Leverage")
    intent, entities = payload_entities(leverage["payload"])
    messages = run(demo_db, monkeypatch, intent, leverage["payload"], entities)
    offered = [b["title"] for b in messages[-1]["buttons"]]
    assert offered == [b["title"] for b in buttons if b["title"] != "Leverage"]
    typed = run(demo_db, monkeypatch, "ask_leverage", "how much leverage do we have there?", named)
    assert not any(m.get("buttons") for m in typed)
