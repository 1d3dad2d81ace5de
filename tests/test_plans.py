"""Action plans: drafting for every risk code, storing on SQLite and PostgreSQL, edits with history,
validation that saves nothing half, overdue plans and suppliers without one."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from actions.plans.draft import DAYS_BY_TIER, draft_plan
from actions.plans.validation import PlanInputError, parse_date, valid_email
from actions.records import plan_repository as plans
from actions.records.database import session_scope
from actions.records.models import Supplier
from actions.records.plan_models import PlanChange
from actions.reference import catalogue

TODAY = dt.date(2026, 12, 1)
ALL_RISKS = [term.code for term in catalogue.risk_types()]


def record(risks, country="NL", share=None, notes="", name="Testing Supplier BV", supplier_id=7):
    """A supplier record as the advice reads it (not stored)."""
    return Supplier(
        id=supplier_id,
        name=name,
        country_iso2=country,
        city="Utrecht",
        sector="textiles",
        products="",
        share_of_supplier_revenue_pct=share,
        relationship_years=None,
        tier=None,
        certifications="",
        known_risks=";".join(risks),
        notes=notes,
    )


def by_name(session, name):
    return session.execute(select(Supplier).where(Supplier.name == name)).scalar_one()


@pytest.mark.parametrize("code", ALL_RISKS)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_risk_code_gets_a_concrete_measure(code, language):
    draft = draft_plan(record([code]), language, TODAY)
    first = draft.measures[0]
    assert (first.kind, first.risk_code) == ("risk", code)
    name = catalogue.risk_type(code).name(language)
    assert first.text.lower().startswith(name.lower() + ": ")
    assert len(first.first_step) > 40 and len(first.indicator) > 20 and first.partners
    assert first.deadline > TODAY
    assert [m.kind for m in draft.measures][1] == "leverage"


def test_measures_are_most_severe_first_with_sooner_deadlines_and_an_exit_condition():
    draft = draft_plan(record(["working_hours", "forced_labour", "climate"], share=3), "en", TODAY)
    assert [m.risk_code for m in draft.measures if m.kind == "risk"] == ["forced_labour", "working_hours", "climate"]
    deadlines = [m.deadline for m in draft.measures if m.kind == "risk"]
    assert deadlines == sorted(deadlines) and deadlines[0] == TODAY + dt.timedelta(days=DAYS_BY_TIER[1])
    assert draft.measures[3].text.startswith("Build leverage: work with other buyers")
    exit_measure = draft.measures[-1]
    assert exit_measure.kind == "exit"
    assert exit_measure.text.startswith("Condition for suspension or exit: if there is no verified progress on forced")
    assert exit_measure.deadline > max(deadlines)


def test_no_exit_condition_without_severe_risks_and_dutch_draft_is_dutch():
    draft = draft_plan(record(["animal_welfare"], share=40), "nl", TODAY)
    assert [m.kind for m in draft.measures] == ["risk", "leverage"]
    assert draft.measures[0].text.startswith("Dierenwelzijn: spreek dierenwelzijnsnormen af")
    assert draft.measures[1].text.startswith("Gebruik je invloed")


def test_unions_are_not_asked_for_where_they_are_prohibited():
    cuba = draft_plan(record(["freedom_of_association"], country="CU"), "en", TODAY).measures[0]
    dutch = draft_plan(record(["freedom_of_association"], country="NL"), "en", TODAY).measures[0]
    assert "independent unions are not allowed there" in cuba.text
    assert "third party" in cuba.first_step and "union" not in cuba.first_step.lower().replace("unions", "")
    assert "must not obstruct unions" in dutch.first_step


@pytest.mark.parametrize(
    "text, expected",
    [
        ("review on 1 March 2027", dt.date(2027, 3, 1)),
        ("evaluatie op 1 maart 2027", dt.date(2027, 3, 1)),
        ("2027-03-01", dt.date(2027, 3, 1)),
        ("01-03-2027", dt.date(2027, 3, 1)),
        ("March 1st, 2027", dt.date(2027, 3, 1)),
        ("15 okt. 2027", dt.date(2027, 10, 15)),
        ("31 February 2027", None),
        ("next spring", None),
    ],
)
def test_dates_as_users_type_them(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("review on 15 January", dt.date(2027, 1, 15)),
        ("evaluatie op 1 december", TODAY),
        ("March 3rd", dt.date(2027, 3, 3)),
    ],
)
def test_a_date_without_a_year_is_the_next_such_day(text, expected):
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["j.devries@example", "j.devries at example.com", "@example.com", "a b@example.com"])
def test_what_is_not_an_email_is_refused(text):
    with pytest.raises(PlanInputError) as error:
        valid_email(text)
    assert error.value.problem == "email"


def test_plan_is_stored_edited_and_its_history_kept(demo_db):
    with session_scope(demo_db) as session:
        supplier = by_name(session, "Riverbank Knitwear")
        plan = plans.create_plan(session, draft_plan(supplier, "en", TODAY), who="anna")
        supplier_id = supplier.id
        with pytest.raises(plans.PlanExists):
            plans.create_plan(session, draft_plan(supplier, "en", TODAY))
    with session_scope(demo_db) as session:
        plan = plans.get_plan(session, supplier_id)
        assert [m.risk_code for m in plan.measures][:2] == ["child_labour", "health_safety"]
        plans.set_owner(session, plan, "J. de Vries", "CSR manager", "J.deVries@example.com", who="anna")
        plans.set_review_date(session, plan, dt.date(2027, 3, 1), who="anna", today=TODAY)
        overtime = plans.measure_for_risk(plan, "working_hours")
        plans.set_status(session, plan, overtime, "done", who="bert")
    with session_scope(demo_db) as session:
        plan = plans.get_plan(session, supplier_id)
        assert (plan.owner_name, plan.owner_role, plan.owner_email) == (
            "J. de Vries",
            "CSR manager",
            "j.devries@example.com",
        )
        assert plan.review_date == dt.date(2027, 3, 1)
        assert plans.measure_for_risk(plan, "working_hours").status == "done"
        history = [(c.changed_by, c.field, c.old_value, c.new_value) for c in plan.changes]
        assert history[0][:2] == ("anna", "created")
        assert ("bert", "status", "open", "done") in history
        assert history[-2] == ("anna", "review_date", "", "2027-03-01")


def test_invalid_edits_save_nothing(demo_db):
    with session_scope(demo_db) as session:
        supplier = by_name(session, "Lotus Weaving")
        supplier_id = plans.create_plan(session, draft_plan(supplier, "en", TODAY)).supplier_id
    for edit, problem in [
        (lambda s, p: plans.set_owner(s, p, "J. de Vries", "CSR manager", "not-an-email"), "email"),
        (lambda s, p: plans.set_review_date(s, p, dt.date(2026, 11, 30), today=TODAY), "date_past"),
        (lambda s, p: plans.set_status(s, p, p.measures[0], "finished"), "status"),
    ]:
        with pytest.raises(PlanInputError) as error, session_scope(demo_db) as session:
            edit(session, plans.get_plan(session, supplier_id))
        assert error.value.problem == problem
    with session_scope(demo_db) as session:
        plan = plans.get_plan(session, supplier_id)
        assert (plan.owner_name, plan.owner_email, plan.review_date) == ("", "", None)
        assert {m.status for m in plan.measures} == {"open"}
        assert session.execute(select(func.count(PlanChange.id)).where(PlanChange.plan_id == plan.id)).scalar() == 1


def test_overdue_plans_and_suppliers_without_a_plan(demo_db):
    with session_scope(demo_db) as session:
        porto = by_name(session, "Porto Footwear")
        quito = by_name(session, "Quito Rose Farms")
        first_due = plans.create_plan(session, draft_plan(porto, "en", TODAY)).measures[0].deadline
        done = plans.create_plan(session, draft_plan(quito, "en", TODAY))
        for measure in done.measures:
            plans.set_status(session, done, measure, "done")
    later = first_due + dt.timedelta(days=1)
    with session_scope(demo_db) as session:
        overdue = plans.overdue_plans(session, today=later)
        assert [o.supplier.name for o in overdue] == ["Porto Footwear"]
        assert [(m.kind, m.risk_code) for m in overdue[0].measures] == [("risk", "health_safety"), ("leverage", "")]
        assert plans.overdue_plans(session, today=TODAY) == []
        without = [s.name for s in plans.suppliers_without_plan(session)]
        assert len(without) == 44 and "Porto Footwear" not in without and "Abidjan Cacao Export" in without


def test_a_removed_supplier_takes_its_plan_with_it(demo_db):
    from sqlalchemy import delete

    from actions.records.plan_models import ActionPlan

    with session_scope(demo_db) as session:
        plans.create_plan(session, draft_plan(by_name(session, "Porto Footwear"), "en", TODAY))
    with session_scope(demo_db) as session:
        session.execute(delete(Supplier).where(Supplier.name == "Porto Footwear"))
    with session_scope(demo_db) as session:
        assert session.execute(select(func.count(ActionPlan.id))).scalar() == 0


def test_the_migrations_make_exactly_the_tables_of_the_models(database_url):
    """Models and migrations agree (what Alembic's autogenerate would add is nothing)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from actions.records import audit_models  # noqa: F401  (the audit log's table is part of the schema)
    from actions.records.database import get_engine
    from actions.records.models import Base

    with get_engine(database_url).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
