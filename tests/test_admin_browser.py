"""The admin pages and the exported plan in real headless Chromium (Playwright): the overview with its chart and
filters, used with the keyboard; the plan page (also printed to PDF); the upload page with a good and a bad file.
Each page is checked with axe-core (no serious or critical WCAG 2 A/AA violation) and photographed into
test-artifacts/ (the README's screenshots come from here)."""

import os
import threading
from http.server import ThreadingHTTPServer

import pytest
from sqlalchemy import func, select

from actions.plans.draft import draft_plan
from actions.records import migrate, plan_repository, supplier_csv
from actions.records.database import get_engine, session_scope
from actions.records.models import Supplier
from tests.conftest import ROOT
from tests.test_web_widget import assert_accessible, axe, browser  # noqa: F401 (fixtures)
from web import admin

ARTIFACTS = ROOT / "test-artifacts"
TOKEN = "browser-test-token"
pytestmark = [pytest.mark.browser, pytest.mark.servers]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The admin server on 127.0.0.1 with the demo suppliers and one plan (Riverbank Knitwear, one measure done)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('admin') / 'imvo.db'}"
    migrate.upgrade(url)
    supplier_csv.import_file(ROOT / "demo" / "suppliers.csv", url)
    with session_scope(url) as session:
        riverbank = session.execute(select(Supplier).where(Supplier.name == "Riverbank Knitwear")).scalar_one()
        plan = plan_repository.create_plan(session, draft_plan(riverbank, "en"), who="anna")
        plan_repository.set_owner(session, plan, "J. de Vries", "CSR manager", "j.devries@example.com", who="anna")
        plan_repository.set_status(session, plan, plan.measures[1], "done", who="anna")
        key = plan.share_key
    saved = {name: os.environ.get(name) for name in ("DATABASE_URL", "ADMIN_TOKEN")}
    os.environ.update(DATABASE_URL=url, ADMIN_TOKEN=TOKEN)
    server = ThreadingHTTPServer((admin.HOST, 0), admin.Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ARTIFACTS.mkdir(exist_ok=True)
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}", "db": url, "plan": key}
    server.shutdown()
    server.server_close()
    get_engine(url).dispose()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def signed_in_page(browser, site, language="en"):  # noqa: F811
    """A new page, signed in through the form with the keyboard only."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site['url']}/overview?lang={language}")
    page.get_by_label("Admin token" if language == "en" else "Beheertoken").focus()
    page.keyboard.type(TOKEN)
    page.keyboard.press("Enter")
    page.locator("#suppliers").wait_for()
    return page


def count_suppliers(url):
    with session_scope(url) as session:
        return session.execute(select(func.count(Supplier.id))).scalar()


def test_overview_chart_and_filters_with_the_keyboard(browser, site, axe):  # noqa: F811
    page = signed_in_page(browser, site)
    assert page.locator("#shown").inner_text() == "46 of 46 suppliers shown."
    chart = page.locator("#severity-chart")
    assert chart.is_visible() and chart.bounding_box()["width"] > 300
    assert page.locator("#severity-chart circle").count() >= 5
    assert page.locator("#plans-chart rect").count() == 5
    assert page.locator("#suppliers tbody tr").first.locator("th").inner_text() == "Kalimantan Palm Oil"
    riverbank = page.locator("#suppliers tr", has_text="Riverbank Knitwear")
    assert "in progress (1 of 7 done)" in riverbank.inner_text()
    assert_accessible(page, axe, "overview, English")
    page.screenshot(path=str(ARTIFACTS / "overview-en.png"), full_page=True)

    page.get_by_label("Country", exact=True).focus()
    page.get_by_label("Country", exact=True).select_option(label="China")
    page.get_by_label("Risk", exact=True).select_option(label="forced labour")
    page.get_by_role("button", name="Apply filters").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**country=CN**")
    assert page.locator("#shown").inner_text() == "2 of 46 suppliers shown."
    names = page.locator("#suppliers tbody th").all_inner_texts()
    assert names == ["Golden Dragon Electronics", "Ningbo Solar Panels"]
    page.close()


def test_overview_in_dutch(browser, site, axe):  # noqa: F811
    page = signed_in_page(browser, site, "nl")
    assert page.locator("h1").inner_text() == "Waar eerst actie"
    assert page.locator("#shown").inner_text() == "46 van 46 leveranciers getoond."
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_label("Sector", exact=True).select_option(label="kleding en textiel")
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url("**sector=garments**")
    assert "Riverbank Knitwear" in page.locator("#suppliers").inner_text()
    assert_accessible(page, axe, "overview, Dutch")
    page.screenshot(path=str(ARTIFACTS / "overview-nl.png"), full_page=True)
    page.close()


def test_the_exported_plan_page_prints(browser, site, axe):  # noqa: F811
    page = signed_in_page(browser, site)
    page.locator("#suppliers tr", has_text="Riverbank Knitwear").get_by_role("link").click()
    page.locator("h1").wait_for()
    assert page.locator("h1").inner_text() == "Action plan: Riverbank Knitwear"
    assert page.locator("#owner").inner_text() == "J. de Vries (CSR manager, j.devries@example.com)"
    assert page.locator(".measure").count() == 7
    assert page.locator(".measure").nth(1).locator(".status").inner_text() == "done"
    assert_accessible(page, axe, "plan page")
    page.screenshot(path=str(ARTIFACTS / "plan-page.png"), full_page=True)
    pdf = page.pdf(path=str(ARTIFACTS / "plan.pdf"))
    assert pdf.startswith(b"%PDF")
    page.get_by_role("link", name="Back to the overview").click()  # a way back from the plan to the overview
    page.locator("#suppliers").wait_for()
    page.close()


def test_upload_a_good_file_then_a_bad_one(browser, site, axe, tmp_path):  # noqa: F811
    page = signed_in_page(browser, site)
    page.get_by_role("link", name="Upload suppliers").click()
    demo = (ROOT / "demo" / "suppliers.csv").read_text(encoding="utf-8")
    good = tmp_path / "suppliers.csv"
    good.write_text(demo + "Nieuwe Leverancier BV,NL,Utrecht,garments,shirts,1000,5,1,1,,working_hours,,A. Jansen,\n")
    page.get_by_label("Supplier list (CSV)").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.locator("#summary").wait_for()
    assert page.locator("#summary").inner_text().split() == ["Added", "1", "Updated", "0", "Unchanged", "46"]
    assert count_suppliers(site["db"]) == 46
    assert_accessible(page, axe, "upload, dry run")
    page.screenshot(path=str(ARTIFACTS / "upload-dry-run.png"), full_page=True)
    page.get_by_role("button", name="Import these changes").click()
    page.get_by_text("The supplier list was imported.").wait_for()
    assert count_suppliers(site["db"]) == 47

    page.get_by_role("link", name="Upload suppliers").click()
    bad = tmp_path / "bad.csv"
    bad.write_text(demo.replace("Porto Footwear,PT,", "Porto Footwear,XX,").replace(",22000", ",lots", 1))
    page.get_by_label("Supplier list (CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    page.locator("#problems").wait_for()
    problems = page.locator("#problems li").all_inner_texts()
    assert problems and all(p.startswith("line ") for p in problems)
    assert any(p.startswith("line 34: ") for p in problems)
    assert page.get_by_role("button", name="Import these changes").count() == 0
    assert count_suppliers(site["db"]) == 47
    assert page.get_by_role("link", name="Upload a corrected file").is_visible()  # says what it does
    assert_accessible(page, axe, "upload, bad file")
    page.screenshot(path=str(ARTIFACTS / "upload-bad-file.png"), full_page=True)
    page.close()


@pytest.mark.parametrize(
    "language, axes",
    [("en", ["Your leverage →", "← Most severe risk"]), ("nl", ["Jullie invloed →", "← Ernstigste risico"])],
)
def test_the_overview_fits_a_phone_with_titled_axes_and_nothing_clipped(browser, site, axe, language, axes):  # noqa: F811
    page = signed_in_page(browser, site, language)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(200)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px phone"
    assert page.locator("#severity-chart .axis-title").all_text_contents() == axes
    for chart in ("#severity-chart", "#plans-chart"):  # every label inside its chart's drawing
        outside = page.evaluate(
            """(selector) => {
                const svg = document.querySelector(selector);
                const width = svg.viewBox.baseVal.width;
                return [...svg.querySelectorAll('text')]
                    .filter((t) => !t.getAttribute('transform'))  // the rotated axis title is checked by its place
                    .map((t) => ({text: t.textContent, x: t.getBBox().x, right: t.getBBox().x + t.getBBox().width}))
                    .filter((t) => t.x < 0 || t.right > width);
            }""",
            chart,
        )
        assert outside == [], f"{chart}: labels cut off: {outside}"
    table = page.locator(".table-scroll")
    assert table.bounding_box()["width"] <= 390
    assert_accessible(page, axe, f"overview on a phone, {language}")
    page.screenshot(path=str(ARTIFACTS / f"overview-phone-{language}.png"), full_page=True)
    page.close()
