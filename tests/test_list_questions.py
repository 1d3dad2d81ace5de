"""Questions across the whole supplier list, references by what people remember, and honest refusals, on the demo
data: the reply's suppliers are exactly the ones the question picks out (no servers; the action with a tracker)."""

from __future__ import annotations

import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.respond import ActionRespond


def tracker(intent, text, slots=None, entities=(), events=()):
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": list(entities)}
    return Tracker("u", {"language": "en", **(slots or {})}, message, list(events), False, None, None, "action_listen")


def ask(demo_db, monkeypatch, intent, text, slots=None, entities=(), events=()):
    monkeypatch.setenv("DATABASE_URL", demo_db)
    dispatcher = CollectingDispatcher()
    result = ActionRespond().run(dispatcher, tracker(intent, text, slots, entities, events), {})
    return dispatcher.messages, {e["name"]: e["value"] for e in result if e.get("event") == "slot"}


def listed(messages):
    """The supplier names on the list lines ("• Name (Country) – …")."""
    (message,) = [m for m in messages if m.get("response") == "utter_supplier_list"]
    return [re.match(r"• (.+?) \(", line).group(1) for line in message["lines"].splitlines() if line.startswith("•")]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("welke Bengaalse leveranciers hebben we?", "nl", ["Riverbank Knitwear", "Dhaka Leather Goods"]),
        ("which of our Bangladeshi suppliers do we have?", "en", ["Riverbank Knitwear", "Dhaka Leather Goods"]),
        (
            "which suppliers do we have in Cuba?",
            "en",
            ["Caribe Nickel Trading", "Holguin Sugar Mill", "Tabacalera del Valle"],
        ),
        (
            "welke Cubaanse leveranciers hebben we?",
            "nl",
            ["Caribe Nickel Trading", "Holguin Sugar Mill", "Tabacalera del Valle"],
        ),
    ],
)
def test_a_country_by_name_or_adjective_in_both_languages(demo_db, monkeypatch, text, language, expected):
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_list", text, {"language": language})
    assert sorted(listed(messages)) == sorted(expected)


def test_a_product_word_in_dutch_picks_the_sector(demo_db, monkeypatch):
    messages, _ = ask(
        demo_db, monkeypatch, "ask_supplier_list", "welke koffieleveranciers hebben we?", {"language": "nl"}
    )
    assert sorted(listed(messages)) == ["Sidamo Highland Coffee", "Sumatra Coffee Growers"]


def test_never_audited(demo_db, monkeypatch):
    messages, slots = ask(demo_db, monkeypatch, "ask_supplier_advice", "which of our suppliers were never audited?")
    names = listed(messages)
    assert len(names) == 8 and "Tabacalera del Valle" in names and "Riverbank Knitwear" not in names
    assert "never audited" in messages[0]["filters"]
    assert len(slots["listed_suppliers"]) == 8  # kept for "which of those …"


def test_not_audited_since_a_date_counts_the_never_audited_too(demo_db, monkeypatch):
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_list", "which suppliers have not been audited since 2025?")
    assert messages[0]["count"] == 22
    assert "Kalimantan Palm Oil" in listed(messages) and "1 January 2025" in messages[0]["filters"]


def test_certification_missing_and_named(demo_db, monkeypatch):
    messages, _ = ask(
        demo_db,
        monkeypatch,
        "ask_supplier_list",
        "welke kledingleveranciers hebben geen certificaat?",
        {"language": "nl"},
    )
    assert listed(messages) == ["Yangon Apparel"]
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_list", "which suppliers have bsci?")
    assert "Anatolia Denim" in listed(messages) and all(
        "amfori BSCI" in line for line in messages[0]["lines"].split("\n")
    )


def test_plan_present_or_missing(demo_db, monkeypatch):
    ask(demo_db, monkeypatch, "make_plan", "make an action plan for lotus weaving", entities=[_named("Lotus Weaving")])
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_list", "which of our suppliers have an action plan?")
    assert listed(messages) == ["Lotus Weaving"]
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_list", "which indian suppliers have no action plan?")
    assert "Lotus Weaving" not in listed(messages) and listed(messages)


def test_rankings_say_their_criterion(demo_db, monkeypatch):
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_list", "top 3 suppliers by spend")
    assert listed(messages) == ["Ningbo Solar Panels", "Cerrado Soy Traders", "Golden Dragon Electronics"]
    assert "by annual spend" in messages[0]["filters"]
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_list", "which suppliers have a share above 30 %?")
    assert listed(messages) == ["Riverbank Knitwear", "Ashanti Cocoa Farmers"]
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_list", "where is our share lowest? list the suppliers")
    assert listed(messages)[0] == "Cerrado Soy Traders" and "lowest first" in messages[0]["filters"]


def test_most_at_risk_within_a_filter(demo_db, monkeypatch):
    messages, _ = ask(demo_db, monkeypatch, "ask_where_to_act_first", "which of our chinese suppliers is most at risk?")
    assert messages[0]["response"] == "utter_rank_suppliers" and messages[0]["total"] == 5
    assert "China" in messages[0]["filters"] and messages[0]["lines"].startswith("1. Golden Dragon Electronics")


def test_which_of_those_narrows_the_list_just_given(demo_db, monkeypatch):
    _, slots = ask(demo_db, monkeypatch, "ask_supplier_list", "which suppliers do we have in Cuba?")
    messages, _ = ask(demo_db, monkeypatch, "nlu_fallback", "of those, which are tier 1?", slots)
    assert sorted(listed(messages)) == ["Holguin Sugar Mill", "Tabacalera del Valle"]


def _named(name):
    return {"entity": "supplier", "value": name}


def test_a_reference_with_one_match_answers_for_it(demo_db, monkeypatch):
    messages, slots = ask(
        demo_db, monkeypatch, "nlu_fallback", "no sorry, i meant the other bangladesh one, the knitwear"
    )
    assert slots["supplier"] == "Riverbank Knitwear" and "Riverbank Knitwear" in str(messages[0])


def test_kind_words_of_another_countrys_supplier_are_no_name(demo_db, monkeypatch):
    """ "garment factory" is part of Phnom Penh Garment Factory's name, but "our garment factory in bangladesh"
    describes Riverbank Knitwear: the supplier in the country named, never the Cambodian one."""
    text = "should our garment factory in bangladesh get fairtrade?"
    start = text.index("garment factory")
    found = {"entity": "supplier", "value": "Phnom Penh Garment Factory", "start": start, "end": start + 15}
    messages, slots = ask(demo_db, monkeypatch, "ask_certification", text, entities=[found])
    assert slots.get("supplier") == "Riverbank Knitwear"
    assert "Phnom Penh" not in str(messages)


def test_a_reference_with_several_matches_offers_them(demo_db, monkeypatch):
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_advice", "what's going on with the coffee one?")
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert messages[0]["response"] == "utter_ask_supplier" and len(titles) == 2
    assert any("Sidamo" in t for t in titles) and any("Sumatra" in t for t in titles)


def test_a_reference_with_no_match_asks_which(demo_db, monkeypatch):
    messages, slots = ask(demo_db, monkeypatch, "ask_supplier_advice", "what about our supplier in Norway?")
    assert messages[0]["response"] == "utter_ask_supplier" and "supplier" not in slots


def test_another_companys_prices_are_refused(demo_db, monkeypatch):
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_record", "what does primark pay riverbank per sweater?")
    assert [m["response"] for m in messages] == ["utter_no_other_company_data"]


def test_a_guess_for_a_field_not_recorded_is_refused(demo_db, monkeypatch):
    _, slots = ask(
        demo_db,
        monkeypatch,
        "ask_supplier_record",
        "when was tabacalera audited?",
        entities=[_named("Tabacalera del Valle")],
    )
    messages, _ = ask(demo_db, monkeypatch, "nlu_fallback", "give me your best guess for the date", slots)
    assert [m["response"] for m in messages] == ["utter_no_guess"]
    assert messages[0]["supplier"] == "Tabacalera del Valle"


def test_a_guess_for_a_recorded_field_gives_the_record(demo_db, monkeypatch):
    messages, _ = ask(
        demo_db,
        monkeypatch,
        "ask_supplier_record",
        "roughly how much do we spend with riverbank, a guess is fine",
        entities=[_named("Riverbank Knitwear")],
    )
    assert messages[0]["response"] == "utter_recorded_not_guessed" and "EUR" in messages[0]["value"]


def test_a_commodity_named_gets_its_schemes(demo_db, monkeypatch):
    focus = {"supplier": "Riverbank Knitwear", "supplier_id": 1.0, "supplier_in_focus": True}
    events = [{"event": "bot", "text": "?", "metadata": {"utter_action": "utter_fitting_schemes"}}]
    messages, _ = ask(demo_db, monkeypatch, "ask_certification", "and for the soy we will buy?", focus, events=events)
    assert messages[0]["response"] == "utter_fitting_schemes"
    assert "RTRS" in messages[0]["scheme_lines"] and "ProTerra" in messages[0]["scheme_lines"]


def test_is_the_certificate_enough_for_the_risk_named(demo_db, monkeypatch):
    land = {"entity": "risk_type", "value": "land_rights"}
    messages, _ = ask(
        demo_db,
        monkeypatch,
        "ask_is_enough",
        "is the RSPO certificate of kalimantan palm oil enough for that land conflict?",
        entities=[_named("Kalimantan Palm Oil"), land],
    )
    assert messages[0]["response"] == "utter_certificate_enough"
    assert "RSPO: its standard covers land rights" in messages[0]["enough_lines"]


def _id(demo_db, name):
    from sqlalchemy import select

    from actions.records.database import session_scope
    from actions.records.models import Supplier

    with session_scope(demo_db) as session:
        return session.execute(select(Supplier.id).where(Supplier.name == name)).scalar_one()


def _after_a_list(text):
    """The events of a conversation whose last bot turn was a list."""
    bot = {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_supplier_list"}}
    return [{"event": "user", "text": "which suppliers …"}, bot, {"event": "user", "text": text}]


def test_a_follow_up_changes_the_last_list(demo_db, monkeypatch):
    listed_bd = {"language": "en"}
    _, slots = ask(demo_db, monkeypatch, "ask_supplier_list", "which suppliers do we have in Bangladesh?", listed_bd)
    messages, _ = ask(demo_db, monkeypatch, "nlu_fallback", "and in cuba?", slots, events=_after_a_list("and in cuba?"))
    assert sorted(listed(messages)) == ["Caribe Nickel Trading", "Holguin Sugar Mill", "Tabacalera del Valle"]


@pytest.mark.parametrize(
    "text, language",
    [
        ("which suppliers do we have in sialkot?", "en"),
        ("is one of our suppliers in Sialkot?", "en"),
        ("zitten er leveranciers van ons in Sialkot?", "nl"),
    ],
)
def test_suppliers_in_a_city(demo_db, monkeypatch, text, language):
    messages, _ = ask(demo_db, monkeypatch, "nlu_fallback", text, {"language": language})
    assert sorted(listed(messages)) == ["Lahore Surgical Instruments", "Sialkot Sports Gear"]
    assert "Sialkot" in messages[0]["filters"]


def test_a_pasted_report_is_read_for_its_place(demo_db, monkeypatch):
    from components.message_focus import focus

    paste = (
        'uit een NGO-rapport, geplakt:\n"In Tiruppur worden jonge vrouwen geworven onder het zogeheten '
        "Sumangali-schema. Zij wonen in hostels op het fabrieksterrein, mogen die nauwelijks verlaten en krijgen een "
        'deel van hun loon pas na drie jaar uitbetaald."\nzit een van onze leveranciers daar?'
    )
    monkeypatch.setenv("DATABASE_URL", demo_db)
    message = {**focus(paste), "intent": {"name": "nlu_fallback", "confidence": 0.3}, "entities": []}
    dispatcher = CollectingDispatcher()
    ActionRespond().run(
        dispatcher, Tracker("u", {"language": "nl"}, message, [], False, None, None, "action_listen"), {}
    )
    assert listed(dispatcher.messages) == ["Tamil Nadu Spinning Mills"]


def test_a_list_sorted_again_in_a_longer_sentence(demo_db, monkeypatch):
    listed_in = {"language": "nl"}
    _, slots = ask(demo_db, monkeypatch, "ask_supplier_list", "welke leveranciers hebben we in India?", listed_in)
    text = "sorteer die op ons aandeel in hun omzet"
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_record", text, slots, events=_after_a_list(text))
    assert listed(messages) == ["Lotus Weaving", "Karnataka Granite Works", "Tamil Nadu Spinning Mills"]


def test_the_lowest_after_a_ranking_by_share(demo_db, monkeypatch):
    _, slots = ask(demo_db, monkeypatch, "ask_supplier_list", "which 3 suppliers have the largest share of revenue?")
    messages, _ = ask(
        demo_db, monkeypatch, "nlu_fallback", "and the lowest?", slots, events=_after_a_list("and the lowest?")
    )
    assert listed(messages)[0] == "Cerrado Soy Traders"


@pytest.mark.parametrize(
    "text, language, lead",
    [
        (
            "which one are we more important to",
            "en",
            "Your share of their turnover is largest at Quito Rose Farms (26%",
        ),
        (
            "bij wie hebben we meer invloed?",
            "nl",
            "Jullie aandeel in hun omzet is het grootst bij Quito Rose Farms (26%",
        ),
    ],
)
def test_which_of_the_two_we_matter_more_to_is_answered_first(demo_db, monkeypatch, text, language, lead):
    """After a comparison, asking where the share is larger gets that answer first, not the same reply again."""
    recent = {
        "recent_suppliers": [str(_id(demo_db, "Naivasha Flower Farm")), str(_id(demo_db, "Quito Rose Farms"))],
        "language": language,
    }
    messages, _ = ask(demo_db, monkeypatch, "compare_suppliers", text, recent)
    assert messages[0]["response"] == "utter_supplier_compare" and messages[0]["lead"].startswith(lead)
    assert "21%" in messages[0]["lead"]


def test_which_one_of_the_two_just_compared(demo_db, monkeypatch):
    recent = {"recent_suppliers": [str(_id(demo_db, "Anatolia Denim")), str(_id(demo_db, "Yangon Apparel"))]}
    messages, _ = ask(demo_db, monkeypatch, "ask_certification", "which one has a certification?", recent)
    assert listed(messages) == ["Anatolia Denim"]  # of the two discussed; Yangon Apparel holds none


def test_the_oldest_audit_and_a_share_written_after_the_figure(demo_db, monkeypatch):
    messages, _ = ask(
        demo_db, monkeypatch, "ask_supplier_list", "welke leveranciers hebben de oudste audit?", {"language": "nl"}
    )
    assert "oudste eerst" in messages[0]["filters"]
    messages, _ = ask(
        demo_db,
        monkeypatch,
        "ask_supplier_list",
        "bij welke leveranciers zijn we meer dan 30% van de omzet",
        {"language": "nl"},
    )
    assert listed(messages) == ["Riverbank Knitwear", "Ashanti Cocoa Farmers"]


def test_an_email_the_records_do_not_hold_is_not_recorded(demo_db, monkeypatch):
    from tests.test_supplier_question import riverbank_id

    focus = {"supplier_id": riverbank_id(demo_db), "supplier_in_focus": True, "language": "nl"}
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_record", "kun je zijn mailadres even geven", focus)
    lines = messages[0]["record_lines"]
    assert (
        "contactpersoon: F. Akter" in lines
        and "e-mailadres of telefoonnummer van de contactpersoon: niet vastgelegd" in lines
    )


def test_a_pasted_email_signed_by_a_contact_person_is_about_that_supplier(demo_db, monkeypatch):
    paste = (
        "Got this this morning:\nFrom: F. Akter\nSubject: building upgrade timeline\nDear buyer, … Regards, F. Akter"
    )
    messages, slots = ask(demo_db, monkeypatch, "nlu_fallback", paste)
    assert slots["supplier"] == "Riverbank Knitwear" and messages[0]["response"] == "utter_supplier_short"


def test_a_long_pasted_email_is_read_whole_for_its_signature(demo_db, monkeypatch):
    """Over 350 characters the pipeline reads a paste as its closing question; the signature is in the rest."""
    from components.message_focus import focus

    paste = (
        "Got this this morning:\n\nFrom: F. Akter\nSubject: building upgrade timeline\nDear team, due to cost "
        "increases the fire door and sprinkler upgrades at our Gazipur site will move to Q1 next year.\nThe union "
        "registration matter is being handled by our management, no action needed from your side.\nKindly confirm "
        "the winter order volumes by Friday.\nBest regards, Farida\n\nwhat do i answer her? can we push them on this?"
    )
    monkeypatch.setenv("DATABASE_URL", demo_db)
    message = {**focus(paste), "intent": {"name": "nlu_fallback", "confidence": 0.3}, "entities": []}
    assert message["text"] != paste  # read as its closing question
    dispatcher = CollectingDispatcher()
    state = Tracker("u", {"language": "en"}, message, [], False, None, None, "action_listen")
    events = ActionRespond().run(dispatcher, state, {})
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots["supplier"] == "Riverbank Knitwear"
    assert "Riverbank Knitwear" in str(dispatcher.messages[0])


def test_two_described_suppliers_with_versus_are_compared(demo_db, monkeypatch):
    text = "the cocoa guys in ghana vs the ones in ivory coast - which first?"
    messages, _ = ask(demo_db, monkeypatch, "ask_supplier_advice", text)
    assert messages[0]["response"] == "utter_supplier_compare"
    lines = messages[0]["lines"]
    assert "Ashanti Cocoa Farmers" in lines and "Abidjan Cacao Export" in lines


def test_our_two_suppliers_of_a_product_are_compared_also_when_one_name_holds_the_word(demo_db, monkeypatch):
    """ "rose" is also part of Quito Rose Farms' name: the two rose suppliers are still both meant."""
    rose = {"entity": "supplier", "value": "Quito Rose Farms"}
    messages, _ = ask(
        demo_db, monkeypatch, "compare_suppliers", "compare our two rose suppliers on risk pls", None, [rose]
    )
    lines = messages[0]["lines"]
    assert messages[0]["response"] == "utter_supplier_compare"
    assert "Naivasha Flower Farm" in lines and "Quito Rose Farms" in lines


@pytest.mark.parametrize(
    "text, entities, language",
    [
        ("and the other sialkot one, the surgical stuff - when were they audited?", "Sialkot Sports Gear", "en"),
        ("en die andere, de chirurgische instrumenten, wanneer is die geaudit", None, "nl"),
    ],
)
def test_the_other_one_described_is_not_the_one_in_focus(demo_db, monkeypatch, text, entities, language):
    focus = {
        "supplier_id": float(_id(demo_db, "Sialkot Sports Gear")),
        "supplier_in_focus": True,
        "supplier": "Sialkot Sports Gear",
        "language": language,
    }
    named = [{"entity": "supplier", "value": entities}] if entities else []
    messages, slots = ask(demo_db, monkeypatch, "ask_supplier_record", text, focus, named)
    assert slots["supplier"] == "Lahore Surgical Instruments"
    assert "2024" in messages[0]["record_lines"] and "2025" not in messages[0]["record_lines"]


@pytest.mark.parametrize("text", ["compare both on risks and our share", "which one is more urgent", "vergelijk beide"])
def test_the_two_suppliers_just_offered_are_compared(demo_db, monkeypatch, text):
    """After "which of these do you mean?" with two buttons, "compare both" means those two."""
    buttons = [
        {
            "title": "Sidamo Highland Coffee (Ethiopia)",
            "payload": '/ask_supplier_advice{"supplier": "Sidamo Highland Coffee"}',
        },
        {
            "title": "Sumatra Coffee Growers (Indonesia)",
            "payload": '/ask_supplier_advice{"supplier": "Sumatra Coffee Growers"}',
        },
    ]
    events = [
        {"event": "user", "text": "what's going on with the coffee one?"},
        {
            "event": "bot",
            "text": "Which supplier?",
            "data": {"buttons": buttons},
            "metadata": {"utter_action": "utter_ask_supplier"},
        },
        {"event": "user", "text": text},
    ]
    messages, _ = ask(demo_db, monkeypatch, "nlu_fallback", text, None, (), events)
    lines = messages[0]["lines"]
    assert messages[0]["response"] == "utter_supplier_compare"
    assert "Sidamo Highland Coffee" in lines and "Sumatra Coffee Growers" in lines and "20%" in lines


@pytest.mark.parametrize(
    "text, supplier",
    [
        ("stel een actieplan op voor de aspergeteler in peru", "Ica Asparagus Farms"),
        ("die cacaojongens in ghana, hoe zit het daar met kinderarbeid", "Ashanti Cocoa Farmers"),
        ("die andere bananenleverancier in honduras, zelfde verhaal?", "San Pedro Banana Growers"),
    ],
)
def test_a_dutch_compound_names_the_product(demo_db, monkeypatch, text, supplier):
    _, slots = ask(demo_db, monkeypatch, "nlu_fallback", text, {"language": "nl"})
    assert slots["supplier"] == supplier


def test_the_last_answer_again_in_the_language_asked_for(demo_db, monkeypatch):
    earlier = {
        "text": "what should we do about riverbank knitwear?",
        "intent": {"name": "ask_supplier_advice", "confidence": 0.9},
        "entities": [_named("Riverbank Knitwear")],
    }
    text = "kun je dat in het nederlands zeggen?"
    events = [
        {"event": "user", "text": earlier["text"], "parse_data": earlier},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_supplier_short"}},
        {"event": "user", "text": text},
    ]
    messages, slots = ask(demo_db, monkeypatch, "switch_language", text, {"language": "nl"}, events=events)
    assert messages[0]["response"] == "utter_supplier_short" and slots["supplier"] == "Riverbank Knitwear"


def test_what_the_records_do_not_hold(demo_db, monkeypatch):
    focus = {"supplier_id": float(_id(demo_db, "Tabacalera del Valle")), "supplier_in_focus": True, "language": "nl"}
    messages, _ = ask(demo_db, monkeypatch, "nlu_fallback", "wat weten we níet over deze leverancier?", focus)
    lines = messages[0]["gap_lines"]
    assert messages[0]["response"] == "utter_record_gaps" and "laatste audit" in lines and "certificeringen" in lines
    assert "• contactpersoon" not in lines.split("\n")  # the contact person is recorded; only the e-mail/phone is not
