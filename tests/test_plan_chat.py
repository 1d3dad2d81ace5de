"""Plans in the conversation (tracker fixtures, no servers): draft, assign, date, tick off, ask about them,
in Dutch and English; invalid input asks back and changes nothing."""

import datetime as dt
import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.records import plan_repository as plans
from actions.records.database import session_scope
from actions.records.models import Supplier
from actions.respond import ActionRespond
from tests.project import domain

RESPONSES = domain()["responses"]
NEXT_YEAR = dt.date.today().year + 1


def seen(messages, language):
    """The replies as users read them: each response's text in the language, with its values filled."""
    texts = []
    for message in messages:
        variations = RESPONSES[message["response"]]
        variation = next(v for v in variations if ("condition" in v) == (language == "nl"))
        values = {k: v for k, v in message.items() if k not in ("response", "buttons")}
        texts.append(variation["text"].format(**values))
    return "\n".join(texts)


def supplier_id(demo_db, name):
    with session_scope(demo_db) as session:
        return session.execute(select(Supplier.id).where(Supplier.name == name)).scalar_one()


class Chat:
    """One user: each message goes to the action with its intent, the supplier in focus is kept as the real slots would."""

    def __init__(self, demo_db, monkeypatch, language):
        monkeypatch.setenv("DATABASE_URL", demo_db)
        monkeypatch.setenv("WEB_PUBLIC_URL", "http://plans.test")
        self.language = language
        self.slots = {"language": language}
        self.buttons = []

    def say(self, intent, text, supplier=None, risk=None):
        entities = [{"entity": "supplier", "value": supplier}] if supplier else []
        entities += [{"entity": "risk_type", "value": risk}] if risk else []
        tracker = Tracker(
            "anna",
            dict(self.slots),
            {"text": text, "intent": {"name": intent, "confidence": 0.95}, "entities": entities},
            [],
            False,
            None,
            None,
            "action_listen",
        )
        dispatcher = CollectingDispatcher()
        events = ActionRespond().run(dispatcher, tracker, {})
        self.slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
        self.buttons = [
            b for m in dispatcher.messages for b in m.get("buttons") or RESPONSES[m["response"]][-1].get("buttons", [])
        ]
        return seen(dispatcher.messages, self.language)


def test_an_english_plan_is_drafted_assigned_dated_and_ticked_off(demo_db, monkeypatch):
    chat = Chat(demo_db, monkeypatch, "en")
    reply = chat.say("make_plan", "make an action plan for riverbank", supplier="riverbank")
    assert reply.startswith("I have drafted an action plan for Riverbank Knitwear with 7 measures, most severe first:")
    assert "• 1. Child labour – deadline " in reply and "– open" in reply
    assert "• 6. Building and using leverage" in reply and "• 7. Condition for suspension or exit" in reply
    assert "The full plan (printable): http://plans.test/plans/" in reply
    assert "make J. de Vries (CSR manager, e-mail address) the owner" in reply

    reply = chat.say("edit_plan", "make J. de Vries (CSR manager, j.devries@example.com) the owner")
    assert reply.startswith(
        "J. de Vries (CSR manager, j.devries@example.com) is now the owner of the plan for Riverbank"
    )
    reply = chat.say("edit_plan", f"review on 1 March {NEXT_YEAR}")
    assert reply.startswith(f"The plan for Riverbank Knitwear will be reviewed on 1 March {NEXT_YEAR}.")
    reply = chat.say("edit_plan", "mark the overtime measure as done", risk="working_hours")
    assert reply == "Measure 5 of the plan for Riverbank Knitwear (Excessive working hours) is now: done."
    reply = chat.say("edit_plan", "drop measure 4")
    assert reply == "Measure 4 of the plan for Riverbank Knitwear (Living wage) is now: dropped."

    reply = chat.say("ask_plan_status", "what is the status of our plan for riverbank?", "riverbank")
    assert reply.startswith(
        f"Action plan for Riverbank Knitwear – owner: J. de Vries (CSR manager, j.devries@example.com); "
        f"review: 1 March {NEXT_YEAR}; 1 of 6 measures done."
    )
    assert "• 5. Excessive working hours – deadline" in reply and reply.count("– done") == 1

    reply = chat.say("make_plan", "make an action plan for them")
    assert reply.startswith("There is already an action plan for Riverbank Knitwear; I won't make a second one.")


def test_a_dutch_plan_in_dutch(demo_db, monkeypatch):
    chat = Chat(demo_db, monkeypatch, "nl")
    reply = chat.say("make_plan", "maak een actieplan voor lotus", supplier="lotus")
    assert reply.startswith("Ik heb een actieplan voor Lotus Weaving opgesteld met ")
    assert "• 1. Kinderarbeid – uiterste datum: " in reply and "– open" in reply
    reply = chat.say("edit_plan", "maak J. de Vries (MVO-manager, j.devries@example.com) eigenaar")
    assert reply.startswith("J. de Vries (MVO-manager, j.devries@example.com) is nu eigenaar van het plan voor Lotus")
    reply = chat.say("edit_plan", "zet de overuren-maatregel op klaar")
    assert reply.endswith("(Buitensporige werktijden) staat nu op: klaar.")
    reply = chat.say("edit_plan", f"evaluatie op 1 maart {NEXT_YEAR}")
    assert reply.startswith(f"Het plan voor Lotus Weaving wordt geëvalueerd op 1 maart {NEXT_YEAR}.")


@pytest.mark.parametrize(
    "message, expected",
    [
        (
            "make J. de Vries (CSR manager, j.devries@example) the owner",
            "“j.devries@example” is not an e-mail address I can use. What is the owner's e-mail address?",
        ),
        ("review on 1 March 2020", "1 March 2020 is in the past. Which date from today on should it be?"),
        ("review the plan on 31 February", "I could not read a date in that."),
        ("mark the climate measure as done", "Which measure do you mean? The plan for Porto Footwear has:"),
        ("change measure 9 to: visit the factory unannounced", "Which measure do you mean? The plan for Porto"),
        ("add a measure:", "What should the measure say? Put the text after a colon"),
        ("add a measure: " + "train supervisors " * 40, "What should the measure say? Put the text after a colon"),
        ("change measure 2 to: ", "What should the measure say?"),
    ],
)
def test_invalid_input_asks_back_and_changes_nothing(demo_db, monkeypatch, message, expected):
    chat = Chat(demo_db, monkeypatch, "en")
    chat.say("make_plan", "make a plan for porto", supplier="porto footwear")
    reply = chat.say("edit_plan", message)
    assert reply.startswith(expected) and "Nothing was changed." in reply
    with session_scope(demo_db) as session:
        plan = plans.get_plan(session, supplier_id(demo_db, "Porto Footwear"))
        assert (plan.owner_email, plan.review_date, {m.status for m in plan.measures}) == ("", None, {"open"})
        assert [c.field for c in plan.changes] == ["created"]
        assert len(plan.measures) == 4 and all(m.kind != "custom" for m in plan.measures)


def test_asking_for_a_plan_that_does_not_exist_offers_to_draft_one(demo_db, monkeypatch):
    chat = Chat(demo_db, monkeypatch, "en")
    reply = chat.say("ask_plan_status", "what is the status of our plan for lotus?", supplier="lotus")
    assert reply == "There is no action plan for Lotus Weaving yet. Shall I draft one from the advice?"
    assert [b["payload"] for b in chat.buttons] == ["/make_plan"]
    reply = chat.say("make_plan", "/make_plan")  # the button: the supplier in focus
    assert reply.startswith("I have drafted an action plan for Lotus Weaving")


def test_without_a_supplier_it_asks_which(demo_db, monkeypatch):
    chat = Chat(demo_db, monkeypatch, "en")
    assert chat.say("make_plan", "make an action plan").startswith("For which supplier? Name it")
    reply = chat.say("make_plan", "make a plan for acme", supplier="acme widgets")
    assert reply.startswith("I can't find a supplier called 'acme widgets' in your records.")


def test_overdue_plans_and_suppliers_without_one(demo_db, monkeypatch):
    chat = Chat(demo_db, monkeypatch, "en")
    assert chat.say("ask_overdue_plans", "which plans are overdue?").startswith("No action plan is overdue")
    chat.say("make_plan", "make a plan for riverbank", supplier="riverbank")
    with session_scope(demo_db) as session:
        plan = plans.get_plan(session, supplier_id(demo_db, "Riverbank Knitwear"))
        plan.measures[0].deadline = dt.date.today() - dt.timedelta(days=1)  # as if a month went by
    reply = chat.say("ask_overdue_plans", "which plans are overdue?")
    assert reply == (
        "Action plans that are overdue (1):\n• Riverbank Knitwear: open measures past their deadline: Child labour"
    )
    reply = chat.say("ask_plans_missing", "which suppliers have no plan yet?")
    assert reply.startswith("45 of your 46 suppliers have no action plan yet. Where to act first is on top:\n1. ")
    assert "Riverbank" not in reply
    assert all(b["payload"].startswith('/make_plan{"supplier": ') for b in chat.buttons) and len(chat.buttons) == 3


def test_a_measure_is_reworded_and_one_added_in_english_with_history(demo_db, monkeypatch):
    chat = Chat(demo_db, monkeypatch, "en")
    chat.say("make_plan", "make a plan for riverbank", supplier="riverbank")
    reply = chat.say("edit_plan", "change measure 2 to: Agree fire-safety repairs with a deadline.")
    assert reply.startswith(
        "Measure 2 of the plan for Riverbank Knitwear now reads: “Agree fire-safety repairs with a deadline.”"
    )
    reply = chat.say("edit_plan", "add a measure: train supervisors on harassment")
    assert reply.startswith("Measure 8 was added to the plan for Riverbank Knitwear: “train supervisors on harassment”")
    assert "The full plan: http://plans.test/plans/" in reply
    reply = chat.say("edit_plan", "mark measure 8 as done")  # the new one is a measure like any other
    assert reply == "Measure 8 of the plan for Riverbank Knitwear (train supervisors on harassment) is now: done."
    with session_scope(demo_db) as session:
        plan = plans.get_plan(session, supplier_id(demo_db, "Riverbank Knitwear"))
        assert plan.measures[1].text == "Agree fire-safety repairs with a deadline."
        assert (plan.measures[-1].position, plan.measures[-1].kind) == (8, "custom")
        changes = [(c.field, c.new_value) for c in plan.changes]
        assert ("text", "Agree fire-safety repairs with a deadline.") in changes
        assert ("added", "train supervisors on harassment") in changes
        assert changes[-1] == ("status", "done")


def test_a_measure_is_reworded_and_one_added_in_dutch(demo_db, monkeypatch):
    chat = Chat(demo_db, monkeypatch, "nl")
    chat.say("make_plan", "maak een plan voor lotus", supplier="lotus")
    reply = chat.say("edit_plan", "wijzig maatregel 1 in: spreek een herstelplan af met de school")
    assert reply.startswith(
        "Maatregel 1 van het plan voor Lotus Weaving luidt nu: “spreek een herstelplan af met de school”"
    )
    reply = chat.say("edit_plan", "voeg maatregel toe: bezoek de fabriek onaangekondigd")
    assert "is toegevoegd aan het plan voor Lotus Weaving: “bezoek de fabriek onaangekondigd”" in reply
    reply = chat.say("edit_plan", "wijzig maatregel 12 in: iets anders")
    assert reply.startswith("Welke maatregel bedoel je?") and "Er is niets veranderd." in reply
    with session_scope(demo_db) as session:
        plan = plans.get_plan(session, supplier_id(demo_db, "Lotus Weaving"))
        assert plan.measures[0].text == "spreek een herstelplan af met de school"
        assert plan.measures[-1].text == "bezoek de fabriek onaangekondigd"
        assert [c.field for c in plan.changes] == ["created", "text", "added"]


@pytest.mark.parametrize(
    "message, kind, position, text",
    [
        ("change measure 2 to: ask for the wage data", "reword", 2, "ask for the wage data"),
        ("reword measure 3 as: agree a plan with the union", "reword", 3, "agree a plan with the union"),
        ("measure 4 should read: hold monthly calls", "reword", 4, "hold monthly calls"),
        ("maatregel 1 wordt: bezoek de fabriek in maart", "reword", 1, "bezoek de fabriek in maart"),
        ("formuleer maatregel 2 anders: betaal een eerlijke prijs", "reword", 2, "betaal een eerlijke prijs"),
        ("change measure 2 to: make sure the audit is done", "reword", 2, "make sure the audit is done"),
        ("add a measure: “join a sector initiative”", "add", None, "join a sector initiative"),
        ("voeg een maatregel toe: train leidinggevenden", "add", None, "train leidinggevenden"),
        ("nieuwe maatregel: vraag om de lijst van onderaannemers", "add", None, "vraag om de lijst van onderaannemers"),
        ("change measure 2 to done", "status", 2, ""),  # no colon: a status, not a new text
        ("drop measure 3", "status", 3, ""),
    ],
)
def test_reading_a_reword_or_a_new_measure(message, kind, position, text):
    from actions.plans.chat import read_edit

    edit = read_edit(message)
    assert (edit.kind, edit.measure_position, edit.measure_text) == (kind, position, text)


def test_the_pdf_link_is_in_the_chat_only_where_chromium_can_print(demo_db, monkeypatch, tmp_path):
    chat = Chat(demo_db, monkeypatch, "en")
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-chromium"))
    reply = chat.say("make_plan", "make a plan for riverbank", supplier="riverbank")
    assert "PDF" not in reply
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("CHROMIUM_PATH", str(fake))
    reply = chat.say("ask_plan_status", "status of the plan?")
    assert re.search(r"The full plan: (http://plans.test/plans/[\w-]+) – as PDF: \1\.pdf$", reply), reply
