"""What users are shown as a source is the official publication, and every fact typed into
wording or code (a link, a rating, a year, an e-mail address) has a row of reference data behind it."""

import csv
import re
from urllib.parse import urlparse

import pytest

from actions.advice import render
from actions.advice.advice import advise_country, advise_supplier
from actions.advice.ncp_routing import route
from actions.records.database import session_scope
from actions.records.models import Supplier
from actions.reference import catalogue
from actions.reference.catalogue import DATA_DIR
from tests.project import ROOT

# Copies, mirrors, transcriptions, blogs and sellers of audits: where facts were sometimes read,
# never what a user should be sent to.
WEAK_DOMAINS = (
    "scribd.com",
    "kiwix",
    "iiab.me",
    "piglix",
    "wikipedia.org",
    "github.com",
    "fdokumen.com",
    "vdocuments.mx",
    "203060.vip",
    "108.161.137.60",
    "svenssonstiftelsen.com",
    "db-business-ethics.org",
    "textil-grosshandel.eu",
    "mahnke-cr.de",
    "csridentity.com",
    "tricomconsultants.com",
    "impakter.com",
    "hrddacademy.com",
    "ipapercms.dk",
    "step-kvaliteta.hr",
    "apcergroup.com",
    "sgs.com",
    "intertek.com",
    "bureauveritas",
    "controlunion.com",
    "naturtex",
    "nature.is",
    "legalclarity.org",
    "cinxe.com",
    "aim-progress.com",
    "textileexchange.org/glossary",
)
URL = re.compile(r"https?://[^\s;,\"'()<>]+")
# Marks where country names come from (Babel's CLDR data); never shown to users.
NOT_SHOWN = {catalogue.CLDR_SOURCE_URL.split()[0]}


def urls_in(text):
    return [u.rstrip(".,;:)") for u in URL.findall(text)]


def texts(messages):
    return "\n".join(str(v) for _key, values in messages for v in values.values())


def is_weak(url):
    host_and_path = urlparse(url).netloc + urlparse(url).path
    return any(weak in host_and_path for weak in WEAK_DOMAINS)


def everything_shown(demo_db):
    """Every advice, country answer and NCP route users can get, in both languages."""
    shown = []
    with session_scope(demo_db) as session:
        for supplier in session.query(Supplier).all():
            advice = advise_supplier(supplier)
            shown += [texts(render.supplier_messages(advice, language)) for language in ("nl", "en")]
    sectors = [s.code for s in catalogue.sectors()]
    for index, country in enumerate(catalogue.countries()):
        advice = advise_country(country.iso2, sectors[index % len(sectors)], ["forced_labour", "deforestation"])
        shown.append(texts(render.country_messages(advice, "en")))
    for ncp in catalogue.ncps():
        shown.append(texts(render.ncp_messages(route("NL", ncp.country_iso2, "subsidy"), "nl")))
    return "\n".join(shown)


def static_texts():
    files = [*sorted((ROOT / "domain").glob("*.yml")), ROOT / "actions/advice/wording.yml"]
    return {path: path.read_text(encoding="utf-8") for path in files}


def code_files():
    return [*sorted((ROOT / "actions").rglob("*.py")), *sorted((ROOT / "components").glob("*.py"))]


@pytest.fixture(scope="module")
def data_urls():
    found = set()
    for path in DATA_DIR.glob("*.csv"):
        found.update(urls_in(path.read_text(encoding="utf-8")))
    return found


def test_no_link_shown_to_users_is_on_a_weak_domain(demo_db):
    shown = everything_shown(demo_db) + "\n".join(static_texts().values())
    links = set(urls_in(shown))
    assert len(links) > 40
    weak = sorted(u for u in links if is_weak(u))
    assert weak == []


def test_sources_shown_are_the_official_publications_with_their_edition(demo_db):
    with session_scope(demo_db) as session:
        supplier = session.query(Supplier).filter(Supplier.name == "Ashanti Cocoa Farmers").one()
        shown = texts(render.supplier_messages(advise_supplier(supplier), "en"))
    assert "• ITUC Global Rights Index 2025: https://www.ituc-csi.org/global-rights-index" in shown
    assert "• Rainforest Alliance (2020 Sustainable Agriculture Standard): https://www.rainforest-alliance.org" in shown


def test_every_link_in_wording_and_code_has_a_row_behind_it(data_urls):
    for path, text in [*static_texts().items(), *((p, p.read_text(encoding="utf-8")) for p in code_files())]:
        for url in urls_in(text):
            if url in NOT_SHOWN:
                continue
            assert url in data_urls, f"{path.relative_to(ROOT)}: {url} is in no row of actions/reference/data"


def test_no_rating_year_or_e_mail_is_typed_into_wording_or_advice_code():
    """Ratings, editions, dates and contact details come from the rows, never from the text around them."""
    data = "\n".join(p.read_text(encoding="utf-8") for p in DATA_DIR.glob("*.csv"))
    files = {**static_texts(), **{p: p.read_text(encoding="utf-8") for p in (ROOT / "actions/advice").glob("*.py")}}
    for path, text in files.items():
        where = path.relative_to(ROOT)
        assert not re.search(r"\b(?:score|rating|ernst)\s+[1-5]\+?\b", text), f"{where}: a rating typed in"
        for year in re.findall(r"\b(?:19|20)\d\d\b", text):
            assert year in data, f"{where}: the year {year} is in no row"
        for address in re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text):
            assert address in data, f"{where}: {address} is in no row"


def test_every_rating_shown_is_the_row_of_the_ituc_2025_file():
    rows = {r["country_iso2"]: r for r in csv.DictReader((DATA_DIR / "ituc_2025.csv").open(encoding="utf-8"))}
    assert sum(1 for r in rows.values() if r["ituc_rating"]) == 151
    for country in catalogue.countries():
        shown = render.country_text(advise_country(country.iso2).country, "en")
        row = rows.get(country.iso2)
        if row and row["ituc_rating"]:
            assert f"(ITUC Global Rights Index 2025: rating {row['ituc_rating']} out of 5+)" in shown, country.iso2
        else:
            assert "rating" not in shown.replace("has no rating", "").replace("verified rating", ""), country.iso2


def test_unverified_ncp_rows_are_never_stated_as_fact():
    unverified = [n for n in catalogue.ncps() if n.source_kind == "unverified"]
    assert len(unverified) == 18
    for ncp in unverified:
        for language in ("nl", "en"):
            shown = texts(render.ncp_messages(route("NL", ncp.country_iso2), language))
            for fact in (ncp.name, ncp.website):
                assert not fact or fact not in shown, f"{ncp.country_iso2}: {fact}"
            assert "https://mneguidelines.oecd.org/ncps/" in shown


def test_each_source_is_listed_once(demo_db):
    from sqlalchemy import select

    from actions.advice import render
    from actions.advice.advice import advise_supplier
    from actions.records.database import session_scope
    from actions.records.models import Supplier

    with session_scope(demo_db) as session:
        for supplier in session.execute(select(Supplier)).scalars():
            for language in ("en", "nl"):
                lines = render.source_lines(advise_supplier(supplier), language).split("\n")
                urls = [line.rsplit(" ", 1)[-1] for line in lines]
                assert len(urls) == len(set(urls)), (supplier.name, lines)
