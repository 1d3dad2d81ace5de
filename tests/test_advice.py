"""Advice composition, without servers: the data decided and the words chosen."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from actions.advice import render
from actions.advice.advice import advise_country, advise_supplier, assess_leverage, sector_in_text
from actions.advice.ncp_routing import route
from actions.advice.topics import SUPPLIER_TOPICS
from actions.advice.wording import entry
from actions.records.database import session_scope
from actions.records.models import Supplier
from actions.reference import catalogue

ALL_RISKS = [t.code for t in catalogue.risk_types()]


def by_name(session, name):
    return session.execute(select(Supplier).where(Supplier.name == name)).scalar_one()


def texts(messages):
    return "\n".join(str(v) for _key, values in messages for v in values.values())


def test_every_risk_code_has_measures_in_both_languages():
    measures = entry("measures")
    assert set(measures) == set(ALL_RISKS) | {"freedom_of_association_prohibited", "child_labour_smallholders"}
    for code in measures:
        assert measures[code]["nl"] and measures[code]["en"] and measures[code]["nl"] != measures[code]["en"]


@pytest.mark.parametrize("code", ALL_RISKS)
def test_each_risk_gets_its_measure_in_country_advice(demo_db, code):
    with session_scope(demo_db):
        advice = advise_country("IN", "textiles", [code])
        assert [r.code for r in advice.risks] == [code]
        for language in ("nl", "en"):
            assert entry("measures", code, language) in texts(render.country_messages(advice, language))


# A distinctive phrase of each risk's measure, typed here (not read from wording.yml),
# so a measure that is swapped with another risk's, or rewritten, is noticed.
MEASURE_SNIPPETS = {
    "forced_labour": ("ingehouden paspoorten en schuldslavernij", "passport retention and debt bondage"),
    "child_labour": ("stuur kinderen niet zomaar weg", "do not simply dismiss children"),
    "health_safety": ("gebouw-, brand- en chemische veiligheid", "building, fire and chemical safety"),
    "conflict_minerals": ("tot aan de smelterij of raffinaderij", "up to the smelter or refiner"),
    "indigenous_rights": (
        "vrije, voorafgaande en geïnformeerde instemming (FPIC)",
        "free, prior and informed consent (FPIC)",
    ),
    "land_rights": ("ga na hoe het land is verworven", "check how the land was acquired"),
    "freedom_of_association": ("ontslagen vakbondsleden terug te nemen", "reinstate dismissed union members"),
    "deforestation": (
        "een toezegging tot ontbossingsvrije productie met een peildatum",
        "a no-deforestation commitment with a cut-off date",
    ),
    "living_wage": ("betrouwbare benchmark voor een leefbaar loon", "credible living-wage benchmark"),
    "discrimination": ("beleid tegen discriminatie en intimidatie", "a policy against discrimination and harassment"),
    "working_hours": (
        "realistische levertijden en minder late wijzigingen",
        "realistic lead times and fewer late changes",
    ),
    "water": ("watergebruik en afvalwaterzuivering", "water use and wastewater treatment"),
    "environment": ("milieuvergunningen en metingen", "the environmental permits and measurements"),
    "climate": (
        "broeikasgasuitstoot van de leverancier en een reductieplan",
        "greenhouse gas emissions and a reduction plan",
    ),
    "corruption": ("neem anticorruptiebepalingen op", "include anti-bribery clauses"),
    "animal_welfare": ("spreek dierenwelzijnsnormen af", "agree animal-welfare standards"),
}
# Where independent unions are prohibited (China, Cuba) the freedom-of-association measure differs.
PROHIBITED_FOA_SNIPPETS = (
    "vraag om vrij gekozen werknemersvertegenwoordigers",
    "ask for freely elected worker representatives",
)


def test_every_risk_code_has_a_typed_measure_snippet():
    """A new risk type needs its expected measure wording added here too."""
    assert set(MEASURE_SNIPPETS) == set(ALL_RISKS)


@pytest.mark.parametrize("code", sorted(MEASURE_SNIPPETS))
def test_country_advice_shows_the_right_measure_for_each_risk(code):
    """Users asking about a risk see that risk's own measure, in their language, and no other risk's."""
    advice = advise_country("IN", "textiles", [code])
    for index, language in enumerate(("nl", "en")):
        shown = texts(render.country_messages(advice, language))
        assert MEASURE_SNIPPETS[code][index] in shown, f"{code} ({language}): expected measure not shown"
        for other, snippets in MEASURE_SNIPPETS.items():
            if other != code:
                assert snippets[index] not in shown, f"{code} ({language}) shows the measure of {other}"


def test_freedom_of_association_measure_depends_on_whether_unions_are_prohibited():
    """In China users are told to ask for elected worker representatives, not for unions; in India the reverse."""
    china = advise_country("CN", "electronics", ["freedom_of_association"])
    india = advise_country("IN", "textiles", ["freedom_of_association"])
    for language, prohibited, normal in zip(
        ("nl", "en"), PROHIBITED_FOA_SNIPPETS, MEASURE_SNIPPETS["freedom_of_association"], strict=True
    ):
        china_text = texts(render.country_messages(china, language))
        india_text = texts(render.country_messages(india, language))
        assert prohibited in china_text and normal not in china_text
        assert normal in india_text and prohibited not in india_text


def test_risks_are_ordered_most_severe_first(demo_db):
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Riverbank Knitwear"))
        codes = [r.code for r in advice.risks]
        assert codes[0] == "child_labour"  # recorded last, but the most severe
        assert [r.tier for r in advice.risks] == sorted(r.tier for r in advice.risks)


def test_chinese_supplier_gets_prohibited_union_context(demo_db):
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Golden Dragon Electronics"))
        assert advice.country.kind == "prohibited" and advice.country.rating == "5"
        nl = texts(render.supplier_messages(advice, "nl"))
        en = texts(render.supplier_messages(advice, "en"))
        assert (
            "In China zijn onafhankelijke vakbonden bij wet verboden (ITUC Global Rights Index 2025: score 5 van 5+)"
            in nl
        )
        assert "In China independent trade unions are prohibited by law" in en
        assert "international guidelines still apply" in en
        # the electronics code it already holds is named as held, not offered again
        assert "According to your records, Golden Dragon Electronics already holds: RBA." in en
        assert "RBA (Responsible Business Alliance)" not in en
        assert "RMI / RMAP" in en
        # the official publications, not the copies the facts were read from
        assert "Trade union law China: https://www.state.gov/report/custom/4ff95a0df3/" in en
        assert "ITUC Global Rights Index 2025: https://www.ituc-csi.org/global-rights-index" in en
        assert "github.com" not in en


def test_cuban_supplier_without_rating_still_gets_prohibition_and_worker_voice(demo_db):
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Tabacalera del Valle"))
        assert advice.country.kind == "prohibited" and advice.country.rating is None
        assert advice.partners[0] == "labour_restricted"
        en = texts(render.supplier_messages(advice, "en"))
        assert (
            "In Cuba independent trade unions are prohibited by law: at most a state-controlled union federation is allowed"
            in en
        )
        assert "independent unions are not allowed there" in en
        assert "do not ask for them: ask for freely elected worker representatives" in en  # the FoA measure
        assert "https://www.state.gov/report/custom/e37987fc6a/" in en


@pytest.mark.parametrize(
    "share, years, tier, level",
    [
        (Decimal("38"), 9, 1, "high"),
        (Decimal("30"), 1, 1, "high"),
        (Decimal("12"), 2, 1, "medium"),
        (Decimal("12"), 8, 1, "high"),
        (Decimal("3"), 4, 2, "low"),
        (Decimal("3"), 1, 1, "low"),
        (Decimal("26"), 1, 3, "medium"),
        (None, 5, 1, "unknown"),
    ],
)
def test_leverage_levels(share, years, tier, level):
    assert assess_leverage(share, years, tier).level == level


@pytest.mark.parametrize(
    "share, years, tier, level",
    [
        # share of the supplier's turnover: 25% and more is high, 10% and more is medium
        (Decimal("25"), 1, 1, "high"),
        (Decimal("24.99"), 1, 1, "medium"),
        (Decimal("10"), 1, 1, "medium"),
        (Decimal("9.99"), 1, 1, "low"),
        # a relationship of 5 years or more is one step up
        (Decimal("12"), 5, 1, "high"),
        (Decimal("12"), 4, 1, "medium"),
        # an indirect supplier (tier 2 or further) is one step down
        (Decimal("30"), 1, 2, "medium"),
        (Decimal("30"), 1, 1, "high"),
    ],
    ids=["share 25", "share 24.99", "share 10", "share 9.99", "5 years", "4 years", "tier 2", "tier 1"],
)
def test_leverage_thresholds_on_and_just_below_each_boundary(share, years, tier, level):
    """The leverage level users are told changes exactly at 25%, 10%, 5 years and tier 2."""
    assert assess_leverage(share, years, tier).level == level


@pytest.mark.parametrize(
    "name, en, nl",
    [
        (
            "Casablanca Textiles",  # 18%, 5 years: one step up at exactly 5 years
            "Your leverage is probably high: your purchases are 18% of their turnover, a customer for 5 years, tier 1.",
            "Je invloed is waarschijnlijk groot: je inkoop is 18% van hun omzet, al 5 jaar klant, tier 1.",
        ),
        (
            "Tabacalera del Valle",  # 9%, 5 years: low, one step up at exactly 5 years
            "Your leverage is moderate: your purchases are 9% of their turnover, a customer for 5 years, tier 1.",
            "Je invloed is gemiddeld: je inkoop is 9% van hun omzet, al 5 jaar klant, tier 1.",
        ),
        (
            "Holguin Sugar Mill",  # exactly 10%, 2 years
            "Your leverage is moderate: your purchases are 10% of their turnover, a customer for 2 years, tier 1.",
            "Je invloed is gemiddeld: je inkoop is 10% van hun omzet, al 2 jaar klant, tier 1.",
        ),
        (
            "Sumatra Coffee Growers",  # 23%, 6 years, tier 2: one step up, and one step down at tier 2
            "Your leverage is moderate: your purchases are 23% of their turnover, a customer for 6 years,"
            " an indirect supplier (tier 2)",
            "Je invloed is gemiddeld: je inkoop is 23% van hun omzet, al 6 jaar klant, een indirecte leverancier (tier 2)",
        ),
        (
            "Karnataka Granite Works",  # exactly 25%
            "Your leverage is probably high: your purchases are 25% of their turnover, a customer for 6 years, tier 1.",
            "Je invloed is waarschijnlijk groot: je inkoop is 25% van hun omzet, al 6 jaar klant, tier 1.",
        ),
    ],
    ids=["5 years high", "5 years moderate", "share 10", "tier 2", "share 25"],
)
def test_demo_suppliers_on_a_leverage_boundary_are_told_their_level(demo_db, name, en, nl):
    """Demo suppliers whose share, years or tier sit exactly on a threshold: the sentence users read."""
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, name))
    assert en in texts(render.supplier_messages(advice, "en"))
    assert nl in texts(render.supplier_messages(advice, "nl"))


def test_high_and_low_leverage_suppliers_get_different_advice(demo_db):
    with session_scope(demo_db) as session:
        high = advise_supplier(by_name(session, "Riverbank Knitwear"))
        low = advise_supplier(by_name(session, "Ningbo Solar Panels"))
        assert (high.leverage.level, low.leverage.level) == ("high", "low")
        assert (high.disengagement, low.disengagement) == ("severe_high", "severe_low")
        high_en = texts(render.supplier_messages(high, "en"))
        low_en = texts(render.supplier_messages(low, "en"))
        assert "Your leverage is probably high: your purchases are 38% of their turnover" in high_en
        assert "Your leverage is limited: your purchases are 2.5% of their turnover" in low_en
        assert "consider ending the relationship as a last resort" in low_en
        assert "IRBC Agreement for the Renewable Energy Sector" in low_en


def test_textile_supplier_is_told_the_garment_agreement_ended_and_pointed_to_fair_wear(demo_db):
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Riverbank Knitwear"))
        assert [a.name_nl for a in advice.ended_agreements] == ["Convenant Duurzame Kleding en Textiel (CKT)"]
        assert [a.name_nl for a in advice.current_routes] == ["Fair Wear (multistakeholderinitiatief)"]
        assert "Fair Wear" in [s.name for s in advice.schemes]
        nl = texts(render.supplier_messages(advice, "nl"))
        en = texts(render.supplier_messages(advice, "en"))
        assert (
            "Convenant Duurzame Kleding en Textiel (CKT) is afgelopen (einddatum: 31 december 2021);"
            " aansluiten kan niet meer.\nWaar je nu terechtkunt:\n• Fair Wear (multistakeholderinitiatief) –"
            " https://fairwear.org" in nl
        )
        assert (
            "Dutch Agreement on Sustainable Garments and Textile has ended (end date:"
            " 31 December 2021); it can no longer be joined.\nWhere to go now:\n• Fair Wear – https://fairwear.org"
            in en
        )


def test_supplier_without_risks_is_told_to_assess(demo_db, tmp_path):
    from actions.records import supplier_csv

    path = tmp_path / "s.csv"
    path.write_text(",".join(supplier_csv.HEADER) + "\nQuiet Supplier,DE,Berlin,furniture,chairs,,,,,,,,,\n")
    supplier_csv.import_file(path, demo_db)
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Quiet Supplier"))
        en = texts(render.supplier_messages(advice, "en"))
        assert "No risks are recorded for this supplier" in en
        assert "I cannot judge your leverage" in en
        assert "Germany (ITUC Global Rights Index 2025: rating 1 out of 5+)" in en


def test_follow_up_topic_returns_only_that_part(demo_db):
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Riverbank Knitwear"))
        keys = [k for k, _ in render.supplier_topic_messages(advice, SUPPLIER_TOPICS["ask_certification"], "en")]
        assert keys == ["utter_fitting_schemes", "utter_supplier_partners"]  # the "schemes and partners" part
        keys = [k for k, _ in render.supplier_topic_messages(advice, SUPPLIER_TOPICS["ask_responsibility"], "nl")]
        assert keys == ["utter_supplier_people"]


def test_country_advice_from_country_sector_and_risk(demo_db):
    assert sector_in_text("we want to source cotton from Uzbekistan") == "cotton"
    assert sector_in_text("wij kopen katoen in Oezbekistan") == "cotton"
    with session_scope(demo_db):
        advice = advise_country("UZ", "cotton", ["forced_labour"])
        en = texts(render.country_messages(advice, "en"))
        assert "Forced labour (severity: very severe)" in en
        assert "Fairtrade (Fairtrade International)" in en  # cotton + forced labour
        assert "Uzbekistan has no rating in the ITUC Global Rights Index 2025. Do not read anything into that" in en


# --- NCP and embassy routing -------------------------------------------------


def ncp_text(url, company, harm, funding=None, language="en"):
    with session_scope(url):
        return texts(render.ncp_messages(route(company, harm, funding), language))


def test_dutch_company_abroad_in_country_without_ncp(demo_db):
    with session_scope(demo_db):
        result = route("NL", "BD")
        assert [o.role for o in result.options] == ["netherlands"] and result.harm_country_not_listed
    text = ncp_text(demo_db, "NL", "BD")
    # a missing row is not proof that Bangladesh has no NCP: the user is sent to the OECD list
    assert "Bangladesh has no NCP" not in text
    assert "Bangladesh is not on my list of NCPs. Check the OECD list (https://mneguidelines.oecd.org/ncps/)" in text
    assert "Dutch NCP: Nationaal Contactpunt OESO-richtlijnen" in text and "https://www.oecdguidelines.nl" in text


def test_dutch_company_abroad_in_country_with_ncp(demo_db):
    with session_scope(demo_db):
        result = route("NL", "BR")
        assert [(o.role, o.iso2) for o in result.options] == [("harm_country", "BR"), ("netherlands", "NL")]
    # Brazil's row is marked unverified: neither its name nor its website is stated as fact
    text = ncp_text(demo_db, "NL", "BR")
    assert "https://www.gov.br/mdic/pt-br/assuntos/camex/pcn" not in text
    assert (
        "NCP of Brazil (where the harm happens): National Contact Point – name and contact details not verified"
        " in my data; see the OECD list https://mneguidelines.oecd.org/ncps/" in text
    )


@pytest.mark.parametrize(
    "company, harm, nl_lines, en_lines",
    [
        (
            "DE",
            "BD",
            [
                "Bangladesh staat niet in mijn lijst van NCP's",
                "• NCP van Duitsland (thuisland van het bedrijf): Nationale Kontaktstelle (NKS) für die OECD-Leitsätze",
            ],
            [
                "Bangladesh is not on my list of NCPs",
                "• NCP of Germany (the company's home country): Nationale Kontaktstelle (NKS) für die OECD-Leitsätze",
            ],
        ),
        (
            "US",
            "MM",
            [
                "Myanmar staat niet in mijn lijst van NCP's",
                "• NCP van Verenigde Staten (thuisland van het bedrijf): Nationaal Contactpunt – naam en contactgegevens"
                " niet geverifieerd",
            ],
            [
                "Myanmar is not on my list of NCPs",
                "• NCP of United States (the company's home country): National Contact Point – name and contact details"
                " not verified",
            ],
        ),
    ],
    ids=["German company, harm in Bangladesh", "US company, harm in Myanmar"],
)
def test_foreign_company_abroad_in_country_without_ncp_goes_to_its_home_ncp(company, harm, nl_lines, en_lines):
    """A German (or US) company harming in a country not on the NCP list is pointed to its own country's NCP."""
    result = route(company, harm)
    assert result.harm_country_not_listed
    assert [(o.role, o.iso2) for o in result.options] == [("home_country", company)]
    nl = texts(render.ncp_messages(result, "nl"))
    en = texts(render.ncp_messages(result, "en"))
    for line in nl_lines:
        assert line in nl
    for line in en_lines:
        assert line in en


def test_foreign_company_in_the_netherlands(demo_db):
    with session_scope(demo_db):
        result = route("DE", "NL")
        assert [(o.role, o.iso2) for o in result.options] == [("netherlands", "NL"), ("home_country", "DE")]
    assert "Nederlands NCP" in ncp_text(demo_db, "DE", "NL", language="nl")


def test_ncp_without_verified_contact_points_to_the_oecd_directory(demo_db):
    text = ncp_text(demo_db, "NL", "FR")
    assert "NCP of France (where the harm happens)" in text
    # France's row is official but has no contact: the OECD list, not a guess
    assert (
        "National Contact Point – contact details not in my data; see the OECD list https://mneguidelines.oecd.org/ncps/"
        in text
    )


def test_email_is_given_only_where_the_reference_data_has_one(demo_db):
    assert "e-mail post@ncp-danmark.dk" in ncp_text(demo_db, "DK", "DK")
    assert "e-mail" not in ncp_text(demo_db, "NL", "BR")


def test_government_money_adds_the_provider_and_embassy(demo_db):
    with_money = ncp_text(demo_db, "NL", "BD", "export_credit")
    assert "export credit insurance" in with_money
    assert "Atradius Dutch State Business" in with_money and "https://atradiusdutchstatebusiness.nl" in with_money
    assert "https://www.netherlandsworldwide.nl" in with_money
    subsidy = ncp_text(demo_db, "NL", "IN", "subsidy", language="nl")
    assert "subsidie" in subsidy and "https://www.rvo.nl" in subsidy and "Atradius" not in subsidy
    without = ncp_text(demo_db, "NL", "BD", "none")
    assert "Atradius" not in without and "netherlandsworldwide" not in without


def test_no_contact_detail_outside_the_reference_data(demo_db):
    """Every URL and e-mail address in any NCP route comes from the reference files."""
    import re

    from actions.reference.catalogue import DATA_DIR

    sources = "\n".join(p.read_text(encoding="utf-8") for p in DATA_DIR.glob("*.csv"))
    countries = ["NL", "BD", "BR", "DE", "DK", "FR", "CN", "CU", "US", "GB", "JP", "CL"]
    for company in ("NL", "DE", "US"):
        for harm in countries:
            for funding in ("export_credit", "development_finance", None):
                text = ncp_text(demo_db, company, harm, funding)
                for found in re.findall(r"https?://[^\s;]+|[\w.+-]+@[\w-]+\.[\w.]+", text):
                    assert (
                        found.rstrip(".,)") in sources or found.rstrip(".,)") == "https://mneguidelines.oecd.org/ncps/"
                    ), found


@pytest.mark.parametrize(
    "language, deeper",
    [
        ("en", "first go deeper on child labour: do not simply dismiss children"),
        ("nl", "pak eerst kinderarbeid grondiger aan: stuur kinderen niet zomaar weg"),
    ],
)
def test_what_else_starts_from_the_most_severe_risk_measure(demo_db, language, deeper):
    """ "What else can we do?" after a label fell short goes deeper on the worst risk before leverage and exit."""
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Abidjan Cacao Export"))
        text = texts(render.supplier_topic_messages(advice, SUPPLIER_TOPICS["ask_alternatives"], language))
    assert deeper in text
    assert text.index(deeper) < text.index("1)")


@pytest.mark.parametrize(
    "language, said",
    [
        ("en", "According to your records, Holguin Sugar Mill holds no certification: none recorded."),
        (
            "nl",
            "Volgens jullie gegevens heeft Holguin Sugar Mill geen certificering of keurmerk: er is niets vastgelegd.",
        ),
    ],
)
def test_fitting_schemes_say_when_the_supplier_holds_none(demo_db, language, said):
    with session_scope(demo_db) as session:
        advice = advise_supplier(by_name(session, "Holguin Sugar Mill"))
        text = texts(render.supplier_topic_messages(advice, SUPPLIER_TOPICS["ask_certification"], language))
    assert said in text
