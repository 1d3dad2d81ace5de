"""A plan's owner as people type it (actions/plans/owner.py), and what is saved: a malformed e-mail changes
nothing, a correction replaces the owner whole, an owner and a review date in one message set both."""

from __future__ import annotations

import pytest

from actions.plans.owner import parse_owner
from tests.test_list_questions import _named, ask


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "owner is Mark Peters from sourcing, his email is mark.peters@demo-inkoop.nl",
            ("Mark Peters", "sourcing", "mark.peters@demo-inkoop.nl"),
        ),
        (
            "owner is Mark Peters from sourcing, his email is mark.peters(at)demo-inkoop",
            ("Mark Peters", "sourcing", "mark.peters(at)demo-inkoop"),
        ),
        ("Anna de Vries (CSR, anna@example.nl) is the owner", ("Anna de Vries", "CSR", "anna@example.nl")),
        (
            "ok then: owner Anna de Vries, e-mail anna.devries@example.nl",
            ("Anna de Vries", "", "anna.devries@example.nl"),
        ),
        ("no, the owner should be Piet Jansen", ("Piet Jansen", "", "")),
        ("make Sarah Lee the owner, she is our CSR manager", ("Sarah Lee", "CSR manager", "")),
        (
            "eigenaar is Jan de Boer van inkoop, mail jan.deboer@bedrijf.nl",
            ("Jan de Boer", "inkoop", "jan.deboer@bedrijf.nl"),
        ),
        ("Jan van Dijk wordt eigenaar", ("Jan van Dijk", "", "")),
        (
            "maak Fatima el Amrani eigenaar, haar mailadres is f.elamrani@bedrijf.nl",
            ("Fatima el Amrani", "", "f.elamrani@bedrijf.nl"),
        ),
        ("assign the plan to Priya Shah in procurement", ("Priya Shah", "procurement", "")),
    ],
)
def test_the_owner_as_typed(text, expected):
    assert parse_owner(text) == expected


def _plan(demo_db, monkeypatch):
    _, slots = ask(
        demo_db, monkeypatch, "make_plan", "make an action plan for lotus weaving", entities=[_named("Lotus Weaving")]
    )
    return {k: slots[k] for k in ("supplier", "supplier_id", "supplier_in_focus")}


def _owner(demo_db):
    from sqlalchemy import select

    from actions.records.database import session_scope
    from actions.records.plan_models import ActionPlan

    with session_scope(demo_db) as session:
        plan = session.execute(select(ActionPlan)).scalar_one()
        return plan.owner_name, plan.owner_role, plan.owner_email, plan.review_date


@pytest.mark.parametrize("address", ["mark.peters(at)demo-inkoop", "mark.peters@demo-inkoop"])
def test_a_malformed_email_is_refused_and_nothing_changes(demo_db, monkeypatch, address):
    focus = _plan(demo_db, monkeypatch)
    messages, _ = ask(
        demo_db, monkeypatch, "edit_plan", f"owner is Mark Peters from sourcing, his email is {address}", focus
    )
    assert [m["response"] for m in messages] == ["utter_plan_invalid_email"] and messages[0]["value"] == address
    assert _owner(demo_db)[:3] == ("", "", "")


def test_a_correction_replaces_the_owner(demo_db, monkeypatch):
    focus = _plan(demo_db, monkeypatch)
    ask(
        demo_db, monkeypatch, "edit_plan", "owner is Mark Peters from sourcing, his email is mark@demo-inkoop.nl", focus
    )
    ask(demo_db, monkeypatch, "edit_plan", "no, the owner should be Piet Jansen", focus)
    assert _owner(demo_db)[:3] == ("Piet Jansen", "", "")


def test_owner_and_review_date_in_one_message(demo_db, monkeypatch):
    import datetime as dt

    focus = _plan(demo_db, monkeypatch)
    next_year = dt.date.today().year + 1
    text = f"ok then: owner Anna de Vries, e-mail anna@example.nl, review date 1 March {next_year}"
    messages, _ = ask(demo_db, monkeypatch, "edit_plan", text, focus)
    assert [m["response"] for m in messages] == ["utter_plan_owner_set", "utter_plan_review_set"]
    assert _owner(demo_db) == ("Anna de Vries", "", "anna@example.nl", dt.date(next_year, 3, 1))


def test_a_past_review_date_beside_the_owner_is_refused_on_its_own(demo_db, monkeypatch):
    focus = _plan(demo_db, monkeypatch)
    messages, _ = ask(demo_db, monkeypatch, "edit_plan", "owner: Priya Nair. review date 15 january 2020", focus)
    assert [m["response"] for m in messages] == ["utter_plan_owner_set", "utter_plan_review_not_set_past"]
    assert _owner(demo_db)[0] == "Priya Nair" and _owner(demo_db)[3] is None


def test_several_measures_in_one_message(demo_db, monkeypatch):
    focus = _plan(demo_db, monkeypatch)
    messages, _ = ask(demo_db, monkeypatch, "edit_plan", "maatregel 2 en 3 zijn gedaan", {**focus, "language": "nl"})
    assert [(m["response"], m["position"]) for m in messages] == [
        ("utter_plan_measure_set", 2),
        ("utter_plan_measure_set", 3),
    ]


def test_an_owner_named_for_a_supplier_without_a_plan_drafts_it_first(demo_db, monkeypatch):
    focus = {"supplier": "Lotus Weaving", "supplier_in_focus": True}
    _, slots = ask(demo_db, monkeypatch, "ask_supplier_advice", "lotus weaving", entities=[_named("Lotus Weaving")])
    focus["supplier_id"] = slots["supplier_id"]
    text = "eigenaar wordt Lisa Kok (Head of Procurement), lisa.kok@onsbedrijf.nl"
    messages, _ = ask(demo_db, monkeypatch, "edit_plan", text, {**focus, "language": "nl"})
    assert [m["response"] for m in messages] == ["utter_plan_drafted", "utter_plan_owner_set"]
    assert _owner(demo_db)[:3] == ("Lisa Kok", "Head of Procurement", "lisa.kok@onsbedrijf.nl")


def test_a_malformed_email_for_a_supplier_without_a_plan_drafts_nothing(demo_db, monkeypatch):
    from sqlalchemy import func, select

    from actions.records.database import session_scope
    from actions.records.plan_models import ActionPlan

    _, slots = ask(demo_db, monkeypatch, "ask_supplier_advice", "lotus weaving", entities=[_named("Lotus Weaving")])
    focus = {k: slots[k] for k in ("supplier", "supplier_id", "supplier_in_focus")}
    messages, _ = ask(demo_db, monkeypatch, "edit_plan", "owner is Mark Peters, email mark(at)demo", focus)
    assert [m["response"] for m in messages] == ["utter_plan_invalid_email"]
    with session_scope(demo_db) as session:
        assert session.execute(select(func.count(ActionPlan.id))).scalar() == 0


@pytest.mark.parametrize(
    "field, asked, reply, language",
    [
        ("owner", "utter_plan_ask_owner", "Anna de Vries, CSR manager, anna.devries@example.com", "en"),
        ("review", "utter_plan_ask_review", "1 maart {year}", "nl"),
    ],
)
def test_a_next_step_button_asks_and_the_typed_reply_is_saved(demo_db, monkeypatch, field, asked, reply, language):
    """The buttons after a drafted plan ("Choose the owner", "Evaluatiedatum kiezen") ask for the value; what the user
    types next, whatever the intent guess, is saved."""
    import datetime as dt

    focus = {**_plan(demo_db, monkeypatch), "language": language}
    button = [{"entity": "plan_field", "value": field}]
    messages, _ = ask(demo_db, monkeypatch, "edit_plan", f'/edit_plan{{"plan_field":"{field}"}}', focus, button)
    assert [m["response"] for m in messages] == [asked]
    year = dt.date.today().year + 1
    after = [
        {"event": "user", "text": "earlier"},
        {"event": "bot", "text": "?", "metadata": {"utter_action": asked}},
        {"event": "user", "text": reply.format(year=year)},
    ]
    messages, _ = ask(demo_db, monkeypatch, "inform", reply.format(year=year), focus, events=after)
    if field == "owner":
        assert [m["response"] for m in messages] == ["utter_plan_owner_set"]
        assert _owner(demo_db)[:3] == ("Anna de Vries", "CSR manager", "anna.devries@example.com")
    else:
        assert [m["response"] for m in messages] == ["utter_plan_review_set"]
        assert _owner(demo_db)[3] == dt.date(year, 3, 1)
