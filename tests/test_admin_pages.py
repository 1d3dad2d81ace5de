"""The admin pages over HTTP (the real handler on 127.0.0.1, no browser): disabled without ADMIN_TOKEN, the token
required, the overview in the order to act with filters, the upload's dry run, confirm, and a bad file that
changes nothing."""

import threading
from http.server import ThreadingHTTPServer

import pytest
import requests
from sqlalchemy import func, select

from actions.plans.draft import draft_plan
from actions.records import plan_repository as plans
from actions.records.database import session_scope
from actions.records.models import Supplier
from actions.records.supplier_csv import HEADER
from tests.conftest import ROOT
from web import admin

TOKEN = "test-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GOOD_ROW = "Nieuwe Leverancier BV,NL,Utrecht,garments,shirts,1000,5,1,1,,working_hours,,A. Jansen,"


@pytest.fixture
def site(demo_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_db)
    monkeypatch.setenv("ADMIN_TOKEN", TOKEN)
    server = ThreadingHTTPServer((admin.HOST, 0), admin.Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def suppliers(url):
    with session_scope(url) as session:
        return session.execute(select(func.count(Supplier.id))).scalar()


def test_without_a_token_the_pages_say_they_are_disabled(site, monkeypatch):
    monkeypatch.delenv("ADMIN_TOKEN")
    response = requests.get(site + "/overview?lang=en", headers=AUTH, timeout=10)
    assert response.status_code == 503
    assert "The admin pages are disabled: no admin token is set and sign-in is not configured." in response.text
    dutch = requests.get(site + "/upload?lang=nl", timeout=10)
    assert dutch.status_code == 503 and "<title>Beheerpagina's uitgeschakeld" in dutch.text.replace("&#39;", "'")
    assert (
        "De beheerpagina's zijn uitgeschakeld: er is geen beheertoken ingesteld en geen aanmelding."
        in dutch.text.replace("&#39;", "'")
    )
    posted = requests.post(site + "/upload?lang=nl", timeout=10)
    assert posted.status_code == 503 and "zijn uitgeschakeld" in posted.text


def test_the_token_is_required_and_signing_in_sets_it(site):
    response = requests.get(site + "/overview", allow_redirects=False, timeout=10)
    assert (response.status_code, response.headers["Location"]) == (303, "/signin?lang=en")
    assert requests.get(site + "/plans.csv", allow_redirects=False, timeout=10).status_code == 303
    wrong = requests.post(site + "/signin", data={"token": "guess"}, allow_redirects=False, timeout=10)
    assert wrong.status_code == 401 and "That token is not right." in wrong.text
    session = requests.Session()
    right = session.post(site + "/signin?lang=nl", data={"token": TOKEN}, allow_redirects=False, timeout=10)
    assert right.status_code == 303 and "HttpOnly; SameSite=Strict" in right.headers["Set-Cookie"]
    assert "<h1>Waar eerst actie</h1>" in session.get(site + "/overview?lang=nl", timeout=10).text


def test_overview_lists_every_supplier_in_the_order_to_act_with_filters(site, demo_db):
    with session_scope(demo_db) as session:
        lotus = session.execute(select(Supplier).where(Supplier.name == "Lotus Weaving")).scalar_one()
        plans.create_plan(session, draft_plan(lotus, "en"))
    page = requests.get(site + "/overview?lang=en", headers=AUTH, timeout=10).text
    assert "46 of 46 suppliers shown." in page
    assert page.index("Kalimantan Palm Oil") < page.index("Lotus Weaving") < page.index("Porto Footwear")
    # its notes report the land conflict, so that risk is the likeliest of its very severe ones
    assert "<td>Indonesia (5)</td><td>land rights (very severe)</td><td>limited</td>" in page
    assert "open (0 of 5 done)" in page and 'id="severity-chart"' in page and 'id="plans-chart"' in page
    china = requests.get(site + "/overview?lang=en&country=CN&risk=forced_labour", headers=AUTH, timeout=10).text
    assert "2 of 46 suppliers shown." in china
    assert "Golden Dragon Electronics" in china and "Ningbo Solar Panels" in china and "Lotus" not in china
    ignored = requests.get(site + "/overview?country=<script>", headers=AUTH, timeout=10).text
    assert "46 of 46 suppliers shown." in ignored and "<script>" not in ignored


def test_upload_shows_the_dry_run_then_imports_on_confirm(site, demo_db, tmp_path):
    demo = (ROOT / "demo" / "suppliers.csv").read_text(encoding="utf-8")
    changed = demo.replace("Porto Footwear,PT,Felgueiras", "Porto Footwear,PT,Braga") + GOOD_ROW + "\n"
    response = requests.post(
        site + "/upload?lang=en", headers=AUTH, files={"file": ("suppliers.csv", changed.encode())}, timeout=30
    )
    assert response.status_code == 200
    assert "<dt>Added</dt><dd>1</dd>" in response.text and "<dt>Updated</dt><dd>1</dd>" in response.text
    assert "<dt>Unchanged</dt><dd>45</dd>" in response.text
    assert "<li>update Porto Footwear (PT): city</li>" in response.text
    dutch = requests.post(
        site + "/upload?lang=nl", headers=AUTH, files={"file": ("suppliers.csv", changed.encode())}, timeout=30
    )
    assert "<li>bijwerken: Porto Footwear (PT): city</li>" in dutch.text
    assert "<li>toevoegen: Nieuwe Leverancier BV (NL)</li>" in dutch.text
    assert suppliers(demo_db) == 46  # a dry run only
    check = response.text.split('name="check" value="')[1].split('"')[0]
    done = requests.post(site + "/upload/confirm?lang=en", headers=AUTH, data={"check": check}, timeout=30)
    assert "The supplier list was imported." in done.text and suppliers(demo_db) == 47
    again = requests.post(site + "/upload/confirm?lang=en", headers=AUTH, data={"check": check}, timeout=30)
    assert again.status_code == 410 and "expired or was already imported" in again.text


def test_a_bad_file_shows_each_bad_row_and_changes_nothing(site, demo_db):
    text = ",".join(HEADER) + "\n" + GOOD_ROW + "\n" + GOOD_ROW.replace("Nieuwe", "Andere").replace(",NL,", ",XX,")
    text += "\n" + GOOD_ROW.replace("Nieuwe", "Derde").replace(",1000,", ",veel,") + "\n"
    response = requests.post(
        site + "/upload?lang=nl", headers=AUTH, files={"file": ("bad.csv", text.encode())}, timeout=30
    )
    assert response.status_code == 422
    assert "Dit bestand kan niet worden geïmporteerd" in response.text and "Er is niets veranderd." in response.text
    problems = response.text.split('<ul id="problems">')[1].split("</ul>")[0]
    assert problems.count("<li>") == 2
    assert "<li>regel 3: country: onbekend land ‘XX’ (gebruik een ISO-code zoals CN, of een landnaam)</li>" in problems
    assert "<li>regel 4: annual_spend_eur: ‘veel’ is geen getal</li>" in problems
    assert 'name="check"' not in response.text and suppliers(demo_db) == 46
    english = requests.post(
        site + "/upload?lang=en", headers=AUTH, files={"file": ("bad.csv", text.encode())}, timeout=30
    ).text.split('<ul id="problems">')[1]
    assert "<li>line 3: country: unknown country &#39;XX&#39;" in english
    assert "<li>line 4: annual_spend_eur: &#39;veel&#39; is not a number</li>" in english


def test_a_file_that_is_not_a_supplier_list_is_explained_in_dutch(site, demo_db):
    response = requests.post(
        site + "/upload?lang=nl", headers=AUTH, files={"file": ("x.csv", b"naam,land\nA,NL\n")}, timeout=30
    )
    assert response.status_code == 422
    assert "<li>regel 1: de kopregel moet precies zijn: name,country,city," in response.text
    assert "(ontbreekt: name, country, city," in response.text and "; onverwacht: naam, land)</li>" in response.text
    empty = requests.post(
        site + "/upload?lang=nl", headers=AUTH, files={"file": ("x.csv", ",".join(HEADER).encode())}, timeout=30
    )
    assert "<li>het bestand bevat geen leveranciers</li>" in empty.text


def test_all_plans_as_csv(site, demo_db):
    with session_scope(demo_db) as session:
        lotus = session.execute(select(Supplier).where(Supplier.name == "Lotus Weaving")).scalar_one()
        plans.create_plan(session, draft_plan(lotus, "en"))
    response = requests.get(site + "/plans.csv", headers=AUTH, timeout=10)
    assert response.headers["Content-Disposition"] == 'attachment; filename="action-plans.csv"'
    lines = response.text.splitlines()
    assert lines[0].startswith("supplier,country,owner_name") and len(lines) == 6
    assert lines[1].startswith("Lotus Weaving,IN,")


def test_every_page_text_is_in_dutch_and_english():
    import yaml

    def leaves(node, path=()):
        if isinstance(node, dict) and set(node) == {"en", "nl"}:
            yield path, node
        elif isinstance(node, dict):
            for key, value in node.items():
                yield from leaves(value, (*path, key))
        else:
            raise AssertionError(f"{path}: not a Dutch and English text")

    for page in (ROOT / "web" / "pages").glob("*.yml"):
        for path, text in leaves(yaml.safe_load(page.read_text(encoding="utf-8"))):
            assert text["nl"].strip() and text["en"].strip(), (page.name, path)


def test_plain_answers_follow_the_page_language(site):
    assert requests.get(site + "/nothing-here?lang=nl", headers=AUTH, timeout=10).text == "Niet gevonden"
    assert requests.get(site + "/nothing-here?lang=en", headers=AUTH, timeout=10).text == "Not found"
