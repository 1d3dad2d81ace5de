"""A stored plan exported as Markdown, as the printable page the chat links to, and all plans as CSV."""

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import select

from actions.plans import export
from actions.plans.draft import draft_plan
from actions.records import plan_repository as plans
from actions.records.database import session_scope
from actions.records.models import Supplier
from web.plan_pages import plan_reply

TODAY = dt.date.today()


@pytest.fixture
def riverbank_plan(demo_db, monkeypatch):
    """Riverbank's plan in Dutch with an owner, a review date, one measure done and one reworded with markup."""
    monkeypatch.setenv("DATABASE_URL", demo_db)
    with session_scope(demo_db) as session:
        supplier = session.execute(select(Supplier).where(Supplier.name == "Riverbank Knitwear")).scalar_one()
        plan = plans.create_plan(session, draft_plan(supplier, "nl", TODAY), who="anna")
        plans.set_owner(session, plan, "J. de Vries", "MVO-manager", "j.devries@example.com", who="anna")
        plans.set_review_date(session, plan, TODAY + dt.timedelta(days=90), who="anna")
        plans.set_status(session, plan, plans.measure_for_risk(plan, "working_hours"), "done", who="bert")
        plans.reword(session, plan, plan.measures[-1], '=HYPERLINK("x") <script>alert(1)</script>', who="eve")
        return plan.share_key


def view(demo_db, key, language):
    with session_scope(demo_db) as session:
        plan, supplier = export.plan_by_key(session, key)
        return export.plan_view(plan, supplier, language)


def test_markdown_has_owner_dates_measures_status_and_history(demo_db, riverbank_plan):
    text = export.markdown(view(demo_db, riverbank_plan, "nl"))
    assert text.startswith("# Actieplan: Riverbank Knitwear\n\nBangladesh, Gazipur")
    assert "- **Eigenaar:** J. de Vries (MVO-manager, j.devries@example.com)" in text
    assert "### 1. Kinderarbeid: stuur kinderen niet zomaar weg" in text
    assert "- **Eerste stap:** Vraag om de gegevens van de leeftijdscontrole" in text
    working_hours = text.split("Buitensporige werktijden:")[1].split("###")[0]
    assert "- **Status:** klaar" in working_hours
    assert "bert · maatregel 5: open → klaar" in text
    assert "<script>" not in text


def test_labels_follow_the_reader_language(demo_db, riverbank_plan):
    text = export.markdown(view(demo_db, riverbank_plan, "en"))
    assert text.startswith("# Action plan: Riverbank Knitwear")
    assert "- **Owner:** J. de Vries" in text and "bert · measure 5: open → done" in text


def test_plan_page_is_served_by_its_key_escaped_and_printable(demo_db, riverbank_plan):
    status, body, kind = plan_reply(f"/plans/{riverbank_plan}", "")
    page = body.decode("utf-8")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert '<html lang="nl">' in page and "<h1>Actieplan: Riverbank Knitwear</h1>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "@media print" in page and "Afdrukken of opslaan als pdf" in page
    assert plan_reply(f"/plans/{riverbank_plan}", "lang=en")[1].decode().count("Action plan: Riverbank") == 2
    status, body, kind = plan_reply(f"/plans/{riverbank_plan}.md", "")
    assert kind.startswith("text/markdown") and body.decode().startswith("# Actieplan: Riverbank Knitwear")


def test_an_unknown_or_guessed_key_shows_no_plan(demo_db, riverbank_plan):
    assert plan_reply("/plans/" + "a" * 32, "")[0] == 404
    assert plan_reply("/plans/1", "") is None  # not a key at all: the chat page's own 404


def test_csv_has_one_row_per_measure_and_no_formulas(demo_db, riverbank_plan):
    with session_scope(demo_db) as session:
        rows = list(csv.DictReader(io.StringIO(export.csv_of_all_plans(session))))
        count = len(export.plan_by_key(session, riverbank_plan)[0].measures)
    assert len(rows) == count >= 6
    assert rows[0]["supplier"] == "Riverbank Knitwear" and rows[0]["risk_code"] == "child_labour"
    assert rows[0]["owner_email"] == "j.devries@example.com"
    assert [r["status"] for r in rows if r["risk_code"] == "working_hours"] == ["done"]
    assert rows[-1]["measure"].startswith("'=HYPERLINK")
