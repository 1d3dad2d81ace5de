"""A stored plan exported as Markdown, as the printable page the chat links to, and all plans as CSV."""

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import select

from actions.plans import export, pdf
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
    assert "- **Eerste stap:** Vraag om de gegevens van de leeftijdsverificatie" in text
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


@pytest.fixture
def web_page(demo_db, monkeypatch):
    """The chat page's web server (web/serve.py's handler) on a free port."""
    import threading
    from functools import partial
    from http.server import ThreadingHTTPServer

    from web import serve

    monkeypatch.setenv("DATABASE_URL", demo_db)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(serve.Handler))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _pdf_text(data, tmp_path):
    """The PDF's text when pdftotext is installed, else None."""
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        return None
    (tmp_path / "plan.pdf").write_bytes(data)
    return subprocess.run(["pdftotext", str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True).stdout


@pytest.mark.skipif(not pdf.can_print(), reason="no Chromium on this machine")
def test_the_plan_page_links_its_pdf_and_the_pdf_is_the_printed_plan(riverbank_plan, web_page, tmp_path):
    import requests

    page = requests.get(f"{web_page}/plans/{riverbank_plan}", timeout=10).text
    assert f'<a class="pdf-link" href="{riverbank_plan}.pdf?lang=nl">Downloaden als pdf</a>' in page
    response = requests.get(f"{web_page}/plans/{riverbank_plan}.pdf?lang=nl", timeout=60)
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and len(response.content) > 10_000
    assert b"%%EOF" in response.content[-1024:]
    text = _pdf_text(response.content, tmp_path)
    if text is not None:
        assert "Riverbank Knitwear" in text and "Downloaden als pdf" not in text


def test_without_chromium_there_is_no_pdf_link_and_the_pdf_address_says_why(riverbank_plan, monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "none"))
    status, body, _ = plan_reply(f"/plans/{riverbank_plan}", "")
    assert status == 200 and b'<a class="pdf-link"' not in body and b".pdf?" not in body
    status, body, kind = plan_reply(f"/plans/{riverbank_plan}.pdf", "")
    assert (status, kind) == (404, "text/plain; charset=utf-8")
    assert body.decode().startswith("Deze server kan geen pdf maken.")
    assert plan_reply(f"/plans/{riverbank_plan}.pdf", "lang=en")[1].decode().startswith("This server cannot make PDFs.")


def test_a_chromium_that_hangs_is_stopped_and_the_reader_told(riverbank_plan, monkeypatch, tmp_path):
    hanging = tmp_path / "chromium"
    hanging.write_text("#!/bin/sh\nsleep 30\n")
    hanging.chmod(0o755)
    monkeypatch.setenv("CHROMIUM_PATH", str(hanging))
    monkeypatch.setattr(pdf, "TIMEOUT_SECONDS", 1.0)
    started = dt.datetime.now()
    status, body, _ = plan_reply(f"/plans/{riverbank_plan}.pdf", "lang=en")
    assert (dt.datetime.now() - started).total_seconds() < 10
    assert status == 503 and body.decode().startswith("The PDF could not be made right now.")
