"""Schemes and agreements are chosen by the canonical sector AND the risks, with whole words;
an agreement that has ended is said to have ended, never offered as something to join."""

import pytest

from actions.advice import render
from actions.advice.advice import advise_country, advise_supplier, matching_agreements, matching_schemes
from actions.records.database import session_scope
from actions.records.models import Supplier
from actions.reference import catalogue

LABOUR = ["forced_labour", "child_labour", "health_safety"]
RBA = "RBA (Responsible Business Alliance) Code of Conduct"
RAINFOREST = "Rainforest Alliance (2020 Sustainable Agriculture Standard)"
FAIRTRADE = "Fairtrade (Fairtrade International)"
RSPO = "RSPO (Roundtable on Sustainable Palm Oil)"
RMAP = "RMI / RMAP (Responsible Minerals Initiative – Responsible Minerals Assurance Process)"

# sector as recorded, products, risks -> schemes that must be offered, schemes that must not
SECTOR_TABLE = [
    ("cocoa", "cocoa beans", ["child_labour", "deforestation"], [RAINFOREST, FAIRTRADE], [RBA, RSPO]),
    ("coffee", "green coffee beans", ["living_wage", "deforestation"], [RAINFOREST, FAIRTRADE], [RBA]),
    ("tea", "black tea", ["living_wage"], [RAINFOREST, FAIRTRADE], [RBA, RSPO]),
    (
        "soy",
        "soybeans",
        ["deforestation", "land_rights"],
        ["RTRS (Round Table on Responsible Soy)", "ProTerra (ProTerra Foundation)"],
        [RBA, RSPO],
    ),
    ("palm oil", "crude palm oil", ["deforestation", "forced_labour"], [RSPO], [RBA, RAINFOREST]),
    ("leather", "leather bags", ["water", "environment"], ["Leather Working Group (LWG)"], [RBA]),
    (
        "timber",
        "wooden tables",
        ["deforestation"],
        ["FSC (Forest Stewardship Council)", "PEFC (Programme for the Endorsement of Forest Certification)"],
        [RBA, RSPO],
    ),
    ("natural stone", "granite slabs", ["child_labour", "health_safety"], ["Fair Stone", "XertifiX"], [RBA]),
    (
        "seafood",
        "frozen shrimp",
        ["forced_labour", "environment"],
        ["ASC (Aquaculture Stewardship Council)", "MSC (Marine Stewardship Council)"],
        [RBA],
    ),
    ("garments", "t-shirts", LABOUR, ["Fair Wear"], [RBA, RSPO, RAINFOREST]),
    ("electronics", "printed circuit boards", ["forced_labour", "conflict_minerals"], [RBA, RMAP], [RSPO]),
    (
        "minerals",
        "cobalt hydroxide",
        ["child_labour", "conflict_minerals"],
        [RMAP, "IRMA (Initiative for Responsible Mining Assurance)"],
        [RBA],
    ),
    ("minerals", "tin ore (cassiterite)", ["conflict_minerals"], [RMAP], [RBA]),
    ("gold", "jewellery", ["conflict_minerals", "child_labour"], ["RJC (Responsible Jewellery Council)", RMAP], [RBA]),
    ("flowers", "cut roses", ["living_wage", "health_safety"], [FAIRTRADE], [RBA, RSPO]),
    ("toys", "plastic toys", LABOUR, ["amfori BSCI", "SA8000 (Social Accountability International)"], [RBA, RSPO]),
    ("medical instruments", "surgical scissors", LABOUR, ["amfori BSCI"], [RBA, RSPO, RMAP]),
]


@pytest.mark.parametrize(
    "sector, products, risks, offered, not_offered", SECTOR_TABLE, ids=[f"{r[0]}: {r[1]}" for r in SECTOR_TABLE]
)
def test_schemes_offered_per_sector(sector, products, risks, offered, not_offered):
    codes = catalogue.sector_codes_in(f"{sector}; {products}")
    names = [s.name for s in matching_schemes(codes, risks)]
    for name in offered:
        assert name in names, f"{sector}: {name} missing from {names}"
    for name in not_offered:
        assert name not in names, f"{sector}: {name} offered"


def test_a_scheme_must_cover_a_recorded_risk_not_just_the_sector():
    """MSC is about the fishery's environment: not offered for forced labour on a fishing boat."""
    codes = catalogue.sector_codes_in("seafood")
    assert "MSC (Marine Stewardship Council)" not in [s.name for s in matching_schemes(codes, ["forced_labour"])]
    assert "MSC (Marine Stewardship Council)" in [s.name for s in matching_schemes(codes, ["environment"])]


@pytest.mark.parametrize(
    "text, codes",
    [
        ("sporting goods; footballs;gloves", ("sporting_goods",)),  # "sporting" does not contain the metal tin
        ("tin ore (cassiterite)", ("metals",)),
        ("leather shoes", ("cattle_leather", "footwear")),
        ("granite slabs;kerbstones", ("natural_stone",)),
        ("Riverbank Ltd", ()),  # a name with "bank" inside is no bank
        ("seafood", ("seafood",)),  # not "food"
        ("wij kopen katoen in Oezbekistan", ("cotton",)),
        ("graniet uit India", ("natural_stone",)),
    ],
)
def test_sectors_are_found_as_whole_words_in_both_languages(text, codes):
    assert catalogue.sector_codes_in(text) == codes


def test_every_sector_code_used_by_schemes_and_agreements_is_on_the_canonical_list():
    known = {s.code for s in catalogue.sectors()} | {"*"}
    for item in [*catalogue.schemes(), *catalogue.agreements()]:
        assert set(item.sectors) <= known, item.name if hasattr(item, "name") else item


def test_no_ended_agreement_is_offered_as_current_to_any_demo_supplier(demo_db):
    ended_told = offered = 0
    with session_scope(demo_db) as session:
        for supplier in session.query(Supplier).all():
            advice = advise_supplier(supplier)
            assert all(a.running for a in advice.current_routes), supplier.name
            assert not any(a.running for a in advice.ended_agreements), supplier.name
            for language, marker in (("nl", " is afgelopen (einddatum: "), ("en", " has ended (end date: ")):
                running = {a.name(language) for a in catalogue.agreements() if a.running}
                ended = {a.name(language) for a in catalogue.agreements() if not a.running}
                for line in render.increase_text(advice, language).splitlines():
                    if line.startswith("• "):  # an offer: only what runs now
                        assert any(line.startswith(f"• {name}") for name in running), f"{supplier.name}: {line}"
                        assert not any(line.startswith(f"• {name} –") for name in ended), f"{supplier.name}: {line}"
                        offered += 1
                    elif marker in line:
                        assert any(f"{name}{marker}" in line for name in ended), line
                        ended_told += 1
    assert ended_told > 20 and offered > 20  # ended garment, food, metals, stone ... agreements named as ended


@pytest.mark.parametrize(
    "sector, ended, current",
    [
        ("garments", ["Convenant Duurzame Kleding en Textiel (CKT)"], ["Fair Wear (multistakeholderinitiatief)"]),
        ("cocoa", ["IMVO-convenant Voedingsmiddelen"], ["Nederlands Initiatief Duurzame Cacao (DISCO)"]),
        ("coffee", ["IMVO-convenant Voedingsmiddelen"], ["IMVO-steunpunt (MVO Steunpunt) bij RVO"]),
        (
            "metals",
            ["IMVO-convenant voor de Metaalsector ('Samen werken aan verantwoorde metaalketens')"],
            ["IMVO-Metaalsectorovereenkomst (tweede termijn)"],
        ),
        ("renewable_energy", [], ["IMVO-convenant voor de Hernieuwbare Energiesector"]),
        ("soy", [], []),  # the vegetable-proteins covenant was not about soy
    ],
)
def test_ended_agreements_name_the_current_route(sector, ended, current):
    found_ended, found_current = matching_agreements([sector])
    assert [a.name_nl for a in found_ended] == ended
    assert [a.name_nl for a in found_current] == current


def test_the_end_date_and_the_route_are_said_in_both_languages():
    advice = advise_country("CI", "cocoa", ["child_labour"])
    nl, en = render.increase_text(advice, "nl"), render.increase_text(advice, "en")
    assert "IMVO-convenant Voedingsmiddelen is afgelopen (einddatum: 30 juni 2023)" in nl
    assert "IRBC Agreement for the Food Products Sector has ended (end date: 30 June 2023)" in en
    assert "• Nederlands Initiatief Duurzame Cacao (DISCO) – website niet in mijn gegevens" in nl
    metals = render.increase_text(advise_country("CD", "metals", ["child_labour"]), "en")
    assert "has ended (end date: 18 June 2024)" in metals
    assert (
        "• International RBC Agreement for the Metals Sector (second term) (running since 17 November 2025)" in metals
    )
    stone = render.increase_text(advise_country("IN", "natural stone", ["child_labour"]), "en")
    assert "has ended (end date: not in my data)" in stone


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "is the textile covenant still running?",
            "en",
            ["Dutch Agreement on Sustainable Garments and Textile has ended", "31 December 2021", "Fair Wear"],
        ),
        (
            "bestaat het goudconvenant nog?",
            "nl",
            ["Convenant Verantwoord Goud", "is afgelopen", "kan niet meer", "IMVO-steunpunt"],
        ),
    ],
)
def test_an_agreement_asked_for_by_name_is_said_to_have_ended_with_the_current_route(text, language, expected):
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.respond import ActionRespond

    message = {"text": text, "intent": {"name": "ask_leverage"}, "entities": []}
    tracker = Tracker("u", {"language": language}, message, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    ActionRespond().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_agreement_status"]
    lines = dispatcher.messages[0]["agreement_lines"]
    for snippet in expected:
        assert snippet in lines


def test_a_leverage_question_without_an_agreement_gets_the_general_answer():
    from actions.advice.advice import agreements_asked

    assert agreements_asked("how do we increase our leverage?") == ([], [])
    assert agreements_asked("any sector agreement we can sign up to?") == ([], [])  # no sector: the general answer


def test_an_agreement_question_the_model_is_unsure_about_still_gets_the_status():
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.respond import ActionRespond

    message = {
        "text": "is the textile covenant still running?",
        "intent": {"name": "nlu_fallback"},
        "entities": [],
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.4},
            {"name": "ask_stakeholders", "confidence": 0.37},
        ],
    }
    tracker = Tracker("u", {"language": "en"}, message, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    ActionRespond().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_agreement_status"]
    assert "31 December 2021" in dispatcher.messages[0]["agreement_lines"]
