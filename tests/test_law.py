"""The law as it stands: which instruments apply to four company profiles, in both languages, from the
sourced facts in eu_law.csv; unverified facts are never stated as fact; the company's own contacts."""

import re

import pytest

from actions.advice.law import INSTRUMENTS, applicability, instruments_named
from actions.advice.law_render import law_messages, law_values
from actions.answers.law import contact_messages
from actions.company import load_company, profile_from
from actions.reference import catalogue
from tests.project import domain
from tests.replies import texts

PROFILES = {
    "small": {"name": "Kleine Handel BV", "employees": 40, "turnover_eur": 6_000_000, "customers_in_germany": False},
    "german_customer": {
        "name": "Midden BV",
        "employees": 300,
        "turnover_eur": "EUR 60 m",
        "customers_in_germany": "yes",
    },
    "large": {"name": "Groot NV", "employees": 1200, "turnover_eur": "EUR 500 m"},
    "very_large": {"name": "Reus NV", "employees": "6,000", "turnover_eur": "2 bn"},
}

# what each profile must read, per instrument: (English, Dutch) phrases of the verdict
EXPECTED = {
    "small": {
        "csddd": ("not in scope", "valt er niet onder"),
        "csrd": ("value-chain cap protects you", "beschermt de waardeketen-grens je:"),
        "lksg": ("not relevant for you now", "nu niet van belang"),
    },
    "german_customer": {
        "csddd": ("not in scope", "valt er niet onder"),
        "csrd": ("value-chain cap protects you", "beschermt de waardeketen-grens je:"),
        "lksg": ("reaches you through your German customers", "bereikt je via je Duitse klanten"),
    },
    "large": {
        "csddd": ("not in scope", "valt er niet onder"),
        "csrd": ("CSRD (sustainability reporting): in scope", "CSRD (duurzaamheidsrapportage): valt eronder"),
        "lksg": ("not relevant for you now", "nu niet van belang"),
    },
    "very_large": {
        "csddd": (
            "CSDDD (EU Corporate Sustainability Due Diligence Directive): in scope",
            "CSDDD (Europese richtlijn over gepaste zorgvuldigheid): valt eronder",
        ),
        "csrd": ("CSRD (sustainability reporting): in scope", "CSRD (duurzaamheidsrapportage): valt eronder"),
        "lksg": ("not relevant for you now", "nu niet van belang"),
    },
}


def _reply(profile, language, instruments=()):
    company = profile_from(PROFILES[profile])
    return texts(law_messages(company, applicability(company, instruments), language), language)


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_each_profile_reads_which_laws_apply(profile, language):
    reply = _reply(profile, language)
    assert len(reply) == 1 + len(INSTRUMENTS)
    by_instrument = dict(zip(INSTRUMENTS, reply[1:], strict=True))
    for instrument, (english, dutch) in EXPECTED[profile].items():
        assert (english if language == "en" else dutch) in by_instrument[instrument], by_instrument[instrument]
    # the same for everyone: the Forced Labour Regulation has no size threshold, EUDR and CMR depend on products
    assert ("14 December 2027" if language == "en" else "14 december 2027") in by_instrument["flr"]
    assert ("30 December 2026" if language == "en" else "30 december 2026") in by_instrument["eudr"]
    assert "https://eur-lex.europa.eu/eli/reg/2017/821/oj" in by_instrument["cmr"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_not_in_scope_says_what_still_reaches_the_company(language):
    csddd, csrd = _reply("small", language, ("csddd", "csrd"))[1:]
    assert ("through your customers" if language == "en" else "via je klanten") in csddd
    assert ("5,000" if language == "en" else "5.000") in csddd and "EUR 1" in csddd
    assert "VSME" in csrd and ("30 July 2025" if language == "en" else "30 juli 2025") in csrd


@pytest.mark.parametrize("language", ["en", "nl"])
def test_one_instrument_asked_gets_one_verdict_with_its_official_text(language):
    reply = _reply("very_large", language, instruments_named("does the CSDDD apply to us?"))
    assert len(reply) == 2
    assert "https://eur-lex.europa.eu/eli/dir/2024/1760/oj" in reply[1]
    # the application date for companies is reported only: said so, never as fact
    assert (
        "July 2029 (reported, not verified here)" if language == "en" else "juli 2029 (gemeld, hier niet geverifieerd)"
    ) in reply[1]


def test_instruments_are_recognised_as_users_name_them():
    assert instruments_named("geldt het Lieferkettengesetz voor onze duitse klant?") == ("lksg",)
    assert instruments_named("does the eudr or the csrd apply") == ("csrd", "eudr")
    assert instruments_named("vallen we onder de ontbossingsverordening") == ("eudr",)
    assert instruments_named("which laws apply to us") == ()


def test_a_profile_without_size_says_what_to_fill_in():
    company = profile_from({"name": "X", "employees": "veel", "turnover_eur": None})
    reply = texts(law_messages(company, applicability(company, ("csddd",)), "en"), "en")
    assert "does not give the number of employees or the turnover" in reply[1]
    assert "?" in reply[0]


def test_an_unreadable_profile_is_an_empty_one(tmp_path):
    path = tmp_path / "company.yml"
    path.write_text("name: [unclosed\n  employees: :\n", encoding="utf-8")
    assert load_company(path).employees is None
    assert load_company(tmp_path / "missing.yml").name == ""


def test_unverified_facts_fill_only_placeholders_said_to_be_unverified():
    values = law_values("en")
    unverified = {f"{f.instrument}.{f.fact}" for f in catalogue.law_facts() if not f.verified}
    for name, variations in domain()["responses"].items():
        for variation in variations:
            for placeholder in re.findall(r"\{(\w+)\}", variation["text"]):
                if placeholder.endswith("_reported"):
                    assert re.search(r"not verified|niet geverifieerd", variation["text"]), name
    assert "csddd.application" in unverified and "eudr.cutoff_date" in unverified
    catalogue_fact = catalogue.law_fact("csddd", "application")
    assert values["csddd_application_reported"] == "July 2029" and not catalogue_fact.verified


def test_law_responses_carry_no_figure_without_a_row():
    """Thresholds, dates and links come from eu_law.csv through placeholders, never typed into the text
    (instrument numbers such as 2024/3015, "step 3", "3TG" and the status year 2026 are names, not facts)."""
    for name, variations in domain()["responses"].items():
        if not name.startswith("utter_law_"):
            continue
        for variation in variations:
            text = re.sub(r"\(EU\) \d{4}/\d+|\{\w+\}|\b(?:step|stap) 3\b|\b3TG\b|\b2026\b", "", variation["text"])
            assert not re.search(r"https?://|\d", text), (name, text)


def test_every_law_fact_has_a_source_and_a_kind():
    for fact in catalogue.law_facts():
        assert fact.source_url.startswith("https://"), fact
        assert fact.source_kind in ("official", "secondary", "unverified"), fact


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_profile_answers_who_our_csr_officer_is_and_where_our_code_is(language):
    company = profile_from(
        {
            "contacts": {"csr_officer": {"name": "Sanne de Vries", "email": "mvo@x.example"}},
            "code_of_conduct_url": "https://intranet.x.example/code",
        }
    )
    officer = texts(contact_messages(company, "who is our csr officer?"), language)
    assert len(officer) == 1 and "Sanne de Vries (mvo@x.example)" in officer[0]
    code = texts(contact_messages(company, "waar staat onze gedragscode?"), language)
    assert code == [
        ("Jullie gedragscode: " if language == "nl" else "Your code of conduct: ") + "https://intranet.x.example/code"
    ]
    empty = texts(contact_messages(profile_from({}), "csr officer and code of conduct"), language)
    profile = "bedrijfsprofiel" if language == "nl" else "company profile"
    assert profile in empty[0] and profile in empty[1]  # where it is missing, in words: no file or field name
    assert not any(word in " ".join(empty) for word in ("company.yml", "csr_officer", "code_of_conduct_url"))


def test_the_demo_profile_is_complete():
    demo = load_company(catalogue.DATA_DIR.parent.parent.parent / "company.yml")
    assert demo.employees and demo.turnover_eur and demo.csr_officer and demo.code_of_conduct_url


@pytest.mark.parametrize(
    "profile, csddd, csrd",
    [
        ({"employees": 1200, "turnover_eur": 300_000_000}, "not_in_scope", "not_in_scope"),
        ({"employees": 800, "turnover_eur": 900_000_000}, "not_in_scope", "protected"),
        ({"employees": 6000, "turnover_eur": 1_000_000_000}, "not_in_scope", "in_scope"),
        ({"employees": 5000, "turnover_eur": 9_000_000_000}, "not_in_scope", "in_scope"),
        ({"employees": 5001, "turnover_eur": 1_500_000_001}, "in_scope", "in_scope"),
        ({"employees": 6000}, "profile_incomplete", "profile_incomplete"),
    ],
)
def test_both_thresholds_must_be_exceeded(profile, csddd, csrd):
    verdicts = {v.instrument: v.outcome for v in applicability(profile_from(profile))}
    assert (verdicts["csddd"], verdicts["csrd"]) == (csddd, csrd)


def test_an_unverified_fact_is_refused_where_a_fact_is_stated(monkeypatch):
    from actions.advice import law_render

    for placeholder, (instrument, fact, _kind) in law_render._VERIFIED.items():
        assert catalogue.law_fact(instrument, fact).verified, placeholder
    assert all(name.endswith("_reported") for name in law_render._REPORTED)
    facts = dict(catalogue._law_facts())
    key = ("flr", "applies_from")
    facts[key] = catalogue.LawFact(*key, "2027-12-14", facts[key].source_url, "unverified")
    monkeypatch.setattr(catalogue, "_law_facts", lambda: facts)
    with pytest.raises(ValueError, match=r"flr\.applies_from is unverified"):
        law_values("en")
