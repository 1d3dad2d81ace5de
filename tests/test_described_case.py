"""Advice for the case the user describes (actions/advice/case.py), and the law applied to the question asked
(yes or no first, misreadings corrected): on the demo data, in Dutch and English, through the action (no servers)."""

from __future__ import annotations

import pytest

from actions.advice.case import situation_in
from actions.advice.law import INSTRUMENTS
from tests.replies import text_of
from tests.test_list_questions import ask as run_action


@pytest.mark.parametrize(
    "text, situation",
    [
        ("A team leader in our own warehouse keeps the agency workers' passports. What now?", "own_operations"),
        ("Een teamleider in ons magazijn houdt de paspoorten van uitzendkrachten in.", "own_operations"),
        (
            "We changed the order at the last minute three times and pushed the price down 8%; overtime exploded.",
            "purchasing",
        ),
        (
            "We hebben drie keer op het laatste moment de order gewijzigd en de prijs 8% omlaag gedrukt; nu veel overuren.",
            "purchasing",
        ),
        ("The child labour is at a tier 3 cotton gin, not at our supplier.", "deep_tier"),
        ("Het gaat om kinderarbeid bij een spinnerij, de toeleverancier van onze leverancier.", "deep_tier"),
        ("Can we just keep buying and do nothing?", "inaction"),
        ("Kunnen we gewoon blijven kopen en niets doen?", "inaction"),
        ("A worker filed a sexual harassment complaint against her supervisor.", "harassment"),
        ("Een werkneemster meldt seksuele intimidatie door haar chef.", "harassment"),
        ("Their cotton may come from Xinjiang.", "state_forced_labour"),
        ("Hun katoen komt mogelijk uit Xinjiang.", "state_forced_labour"),
        ("The cobalt comes from artisanal mines in the DRC.", "minerals"),
        ("Het kobalt komt uit ambachtelijke mijnen in Congo.", "minerals"),
        ("Our supplier is in a conflict zone with armed groups around.", "conflict_areas"),
        ("Children work on the cocoa farms of the cooperative.", "smallholder_child_labour"),
        ("How long of a notice period is reasonable?", "notice_period"),
        ("Hoe lang moet de opzegtermijn zijn?", "notice_period"),
        ("We want to switch to a cheaper supplier in Vietnam.", "cost_exit"),
        ("We willen overstappen naar een goedkopere leverancier.", "cost_exit"),
        ("They depend on us for 60% of their revenue; can we leave?", "dependent_exit"),
    ],
)
def test_the_case_is_read_from_the_message(text, situation):
    assert situation_in(text) == situation


@pytest.mark.parametrize(
    "text",
    [
        "riverbank - whats the worst issue there",
        "our own staff need training on this",
        "does the EUDR apply to our coffee?",
        "how do we increase our leverage?",
        "wat is een actieplan?",
        "union organisers at the factory are being harassed and threatened",  # not sexual harassment
        "er is intimidatie van vakbondsleden bij die fabriek",
    ],
)
def test_a_message_that_describes_no_case_has_none(text):
    assert situation_in(text) is None


def ask(demo_db, monkeypatch, intent, text, language="en", slots=None, entities=()):
    """The response keys the action sends and the reply as the user reads it, in `language`."""
    messages, _ = run_action(demo_db, monkeypatch, intent, text, {"language": language, **(slots or {})}, entities)
    keys = [m["response"] for m in messages]
    texts = [text_of(m["response"], {k: v for k, v in m.items() if v is not None}, language) for m in messages]
    return keys, "\n".join(texts)


def in_focus(demo_db, name):
    """The slots of a conversation about the demo supplier `name`."""
    from actions.records.database import session_scope
    from actions.records.models import Supplier

    with session_scope(demo_db) as session:
        found = session.query(Supplier).filter_by(name=name).one().id
    return {"supplier_id": float(found), "supplier_in_focus": True, "supplier": name}


CASES = [
    # (intent guessed, message en, message nl, response, words every good answer holds en, nl)
    (
        "ask_supplier_advice",
        "A team leader in our own warehouse keeps the passports of agency workers. What do we do?",
        "Een teamleider in ons eigen magazijn houdt de paspoorten van uitzendkrachten in. Wat nu?",
        "utter_case_own_operations",
        ["cause", "passports", "agency", "remedy"],
        ["veroorzaken", "paspoorten", "uitzendbureau", "herstel"],
    ),
    (
        "ask_supplier_advice",
        "riverbank: we changed the order at the last minute three times and pushed the price down 8%, "
        "now they report 70-hour weeks. What now?",
        "riverbank: we hebben de order drie keer op het laatste moment gewijzigd en de prijs 8% omlaag gedrukt, "
        "nu draaien ze weken van 70 uur. Wat nu?",
        "utter_case_purchasing",
        ["Riverbank Knitwear", "contribute", "back pay", "lead times"],
        ["Riverbank Knitwear", "dragen jullie bij", "achterstallig loon", "levertijden"],
    ),
    (
        "ask_hard_case",
        "The child labour is at a tier 3 spinning mill, not at our supplier. What do we do?",
        "De kinderarbeid zit bij een spinnerij in tier 3, niet bij onze leverancier. Wat doen we?",
        "utter_case_deep_tier",
        ["directly linked", "leverage", "direct supplier"],
        ["direct mee verbonden", "invloed", "directe leverancier"],
    ),
    (
        "ask_leverage",
        "can we just keep buying and do nothing?",
        "kunnen we gewoon blijven kopen en niets doen?",
        "utter_case_inaction",
        ["No.", "contributing", "leverage"],
        ["Nee.", "bijdragen", "invloed"],
    ),
    (
        "ask_supplier_advice",
        "A worker at the factory filed a sexual harassment complaint against a supervisor.",
        "Een werkneemster in de fabriek meldt seksuele intimidatie door een leidinggevende.",
        "utter_case_harassment",
        ["retaliation", "independent", "gender-sensitive"],
        ["represailles", "onafhankelijk", "gendersensitief"],
    ),
    (
        "ask_certification",
        "Their cotton comes from Xinjiang but the audit was clean. Enough?",
        "Hun katoen komt uit Xinjiang maar de audit was schoon. Genoeg?",
        "utter_playbook_state_forced_labour",
        ["not credible", "raw material", "exit"],
        ["niet geloofwaardig", "grondstof", "exit"],
    ),
    (
        "ask_supplier_advice",
        "The cobalt in our batteries comes from artisanal mines in eastern Congo.",
        "Het kobalt in onze accu's komt uit ambachtelijke mijnen in Oost-Congo.",
        "utter_case_minerals",
        ["OECD", "smelter", "immediate suspension"],
        ["OESO", "smelterij", "direct opschorten"],
    ),
    (
        "ask_supplier_advice",
        "Children help on the cocoa farms of the cooperative we buy from.",
        "Kinderen helpen mee op de cacaoboerderijen van de coöperatie waar we van kopen.",
        "utter_playbook_smallholder_child_labour",
        ["CLMRS", "income", "exit"],
        ["CLMRS", "inkomen", "exit"],
    ),
    (
        "ask_disengagement",
        "We want to switch to a cheaper supplier elsewhere.",
        "We willen overstappen naar een goedkopere leverancier elders.",
        "utter_case_cost_exit",
        ["business decision", "6 to 12 months", "pay for every order"],
        ["zakelijk besluit", "6 tot 12 maanden", "betaal alle geplaatste orders"],
    ),
]


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("intent, en, nl, response, words_en, words_nl", CASES, ids=[c[3] for c in CASES])
def test_each_case_gets_its_answer_whatever_the_intent_guess(
    demo_db, monkeypatch, language, intent, en, nl, response, words_en, words_nl
):
    entities = [{"entity": "supplier", "value": "Riverbank Knitwear"}] if en.startswith("riverbank") else []
    keys, reply = ask(demo_db, monkeypatch, intent, en if language == "en" else nl, language, entities=entities)
    assert response in keys
    for word in words_en if language == "en" else words_nl:
        assert word.lower() in reply.lower(), (word, reply)
    if not entities:
        assert "Riverbank" not in reply  # no supplier's data when none was named or discussed


@pytest.mark.parametrize(
    "language, text, words",
    [
        ("en", "how long of a notice period is reasonable?", ["38%", "announce even earlier", "6 to 12 months"]),
        ("nl", "welke opzegtermijn is redelijk?", ["38%", "nog eerder aan", "6 tot 12 maanden"]),
    ],
)
def test_exit_timing_for_a_dependent_supplier_in_focus(demo_db, monkeypatch, language, text, words):
    focus = in_focus(demo_db, "Riverbank Knitwear")
    keys, reply = ask(demo_db, monkeypatch, "nlu_fallback", text, language, slots=focus)
    assert keys[:2] == ["utter_case_supplier_dependent", "utter_case_notice_period"]
    for word in words:
        assert word in reply, (word, reply)


@pytest.mark.parametrize(
    "language, text, first",
    [
        ("en", "Does the Forced Labour Regulation apply to us? We have 45 staff.", "Yes,"),
        ("nl", "Geldt de dwangarbeidverordening ook voor ons? We zijn met 45 mensen.", "Ja,"),
        ("en", "does the CSDDD apply to us?", "No, not directly."),
        ("nl", "valt ons bedrijf onder de CSDDD?", "Nee, niet rechtstreeks."),
    ],
)
def test_a_yes_or_no_law_question_gets_yes_or_no_first(demo_db, monkeypatch, language, text, first):
    keys, reply = ask(demo_db, monkeypatch, "ask_law_applicability", text, language)
    assert reply.startswith(first)
    assert len([k for k in keys if k.startswith("utter_law_") and k.split("_")[2] in INSTRUMENTS]) == 1


@pytest.mark.parametrize(
    "language, text, words",
    [
        ("en", "The coop we buy from is tiny, so the EUDR gives us until June 2027?", ["No.", "30 December 2026"]),
        ("nl", "De coöperatie is heel klein, dus we hebben voor de EUDR tot juni 2027?", ["Nee.", "30 december 2026"]),
        (
            "en",
            "So we are not in scope of the CSDDD, we can skip supplier due diligence?",
            ["No.", "OECD", "every size"],
        ),
        (
            "nl",
            "Dus we hoeven geen gepaste zorgvuldigheid meer te doen bij leveranciers?",
            ["Nee.", "OESO", "elke grootte"],
        ),
    ],
)
def test_a_misreading_of_the_law_is_corrected(demo_db, monkeypatch, language, text, words):
    keys, reply = ask(demo_db, monkeypatch, "ask_law_applicability", text, language)
    assert keys[0].startswith("utter_law_misconception_")
    assert reply.startswith(words[0])
    for word in words[1:]:
        assert word in reply, (word, reply)


@pytest.mark.parametrize(
    "intent, language, text, response",
    [
        ("ask_ncp_complaint", "en", "we're a minnow, is there any point?", "utter_leverage"),
        ("nlu_fallback", "nl", "we zijn maar een kleine klant, heeft het wel zin?", "utter_leverage"),
        ("ask_collaboration", "en", "should we talk to the locals?", "utter_stakeholders"),
        ("nlu_fallback", "nl", "moeten we met de lokale bevolking praten?", "utter_stakeholders"),
        ("nlu_fallback", "en", "there's no real union there, how do workers get a voice?", "utter_union_restrictions"),
        (
            "nlu_fallback",
            "nl",
            "er is daar geen echte vakbond, hoe krijgen werknemers een stem?",
            "utter_union_restrictions",
        ),
        ("nlu_fallback", "en", "the plantation expanded onto indigenous land", "utter_indigenous_peoples"),
        ("ask_stakeholders", "nl", "de plantage ligt op land van inheemse volken", "utter_indigenous_peoples"),
        ("ask_government_funding", "en", "is there a government help desk for this?", "utter_help_desk"),
        ("ask_government_funding", "nl", "waar kan ik terecht bij de overheid voor advies?", "utter_help_desk"),
        ("nlu_fallback", "nl", "bronnen?", "utter_sources_general"),
        (
            "ask_ncp_complaint",
            "nl",
            "Onder welke voorwaarden mogen we een leverancier laten vallen?",
            "utter_disengagement",
        ),
        ("nlu_fallback", "en", "what if we just demand a certificate and call it a day?", "utter_is_enough"),
        (
            "ask_supplier_advice",
            "nl",
            "wat hebben certificeringen eigenlijk met stap 3 te maken",
            "utter_certification",
        ),
        (
            "nlu_fallback",
            "nl",
            "ik ben nieuw. wat moet ik doen als een leverancier een risico heeft?",
            "utter_step3_overview",
        ),
        ("ask_supplier_advice", "en", "sources?", "utter_sources_general"),
    ],
)
def test_the_guidance_asked_in_other_words(demo_db, monkeypatch, intent, language, text, response):
    keys, reply = ask(demo_db, monkeypatch, intent, text, language)
    assert keys[0] == response, reply


@pytest.mark.parametrize(
    "language, text, words",
    [
        (
            "en",
            "is their RSPO mass balance certificate enough for the land conflict?",
            ["Not on its own", "mass balance", "FPIC"],
        ),
        (
            "nl",
            "is hun RSPO-certificaat (massabalans) genoeg voor het landconflict?",
            ["Op zichzelf niet", "massabalans"],
        ),
    ],
)
def test_is_a_certificate_enough_is_answered_as_a_question(demo_db, monkeypatch, language, text, words):
    focus = in_focus(demo_db, "Kalimantan Palm Oil")
    keys, reply = ask(demo_db, monkeypatch, "ask_certification", text, language, slots=focus)
    assert keys[0] == "utter_certificate_enough"
    for word in words:
        assert word in reply, (word, reply)


@pytest.mark.parametrize(
    "iso2, language, says, never",
    [
        ("ID", "en", "is not in my verified data", "are not prohibited by law"),
        ("MM", "nl", "staat niet in mijn geverifieerde gegevens", "niet bij wet verboden"),
        ("CI", "en", "My verified data lists no legal ban", "are not prohibited by law"),
    ],
)
def test_the_legal_status_of_unions_is_never_asserted_without_a_source(iso2, language, says, never):
    """The reference has the union law only for a few countries ("unknown" for most): no reply states it as fact."""
    from actions.advice.advice import advise_country
    from actions.advice.render import country_messages
    from tests.replies import texts

    reply = " ".join(texts(country_messages(advise_country(iso2, "", []), language), language))
    assert says in reply and never not in reply, reply


@pytest.mark.parametrize(
    "language, text, words",
    [
        ("en", "they have RBA, is that enough?", ["Not on its own", "Does it cover forced labour?", "What helps"]),
        ("nl", "ze hebben RBA, is dat genoeg?", ["Op zichzelf niet", "Dekt het dwangarbeid?", "Wat daarnaast helpt"]),
    ],
)
def test_is_a_scheme_enough_is_answered_for_the_supplier_risks(demo_db, monkeypatch, language, text, words):
    named = [{"entity": "supplier", "value": "Golden Dragon Electronics"}]
    keys, _ = ask(demo_db, monkeypatch, "ask_is_enough", "golden dragon, is hun RBA genoeg?", "nl", entities=named)
    assert keys[0] == "utter_scheme_not_enough"  # the scheme asked about, also with the supplier named
    focus = in_focus(demo_db, "Golden Dragon Electronics")
    keys, reply = ask(demo_db, monkeypatch, "ask_is_enough", text, language, slots=focus)
    assert keys == ["utter_scheme_not_enough", "utter_scheme_explained", "utter_scheme_what_helps"]
    for word in words:
        assert word in reply, (word, reply)


@pytest.mark.parametrize(
    "intent, language, text",
    [
        ("ask_supplier_advice", "en", "riverbank - short version please, what's the main issue?"),
        ("ask_supplier_advice", "nl", "riverbank, in twee zinnen: wat speelt er?"),
        ("compare_suppliers", "en", "riverbank - in two lines?"),  # "two" is no second supplier
    ],
)
def test_in_two_lines_is_honoured(demo_db, monkeypatch, intent, language, text):
    named = [{"entity": "supplier", "value": "Riverbank Knitwear"}]
    keys, reply = ask(demo_db, monkeypatch, intent, text, language, entities=named)
    assert keys == ["utter_supplier_brief"]
    assert len(reply.splitlines()) == 2 and reply.startswith("Riverbank Knitwear:"), reply


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "we might get export credit insurance for the nickel deal. does that change anything?"),
        ("nl", "We krijgen misschien een exportkredietverzekering voor die deal. Verandert dat iets?"),
    ],
)
def test_government_money_is_answered_before_the_route_asks_anything(demo_db, monkeypatch, language, text):
    keys, reply = ask(demo_db, monkeypatch, "ask_government_funding", text, language)
    assert keys[0] == "utter_government_funding", keys
    assert ("embassy" if language == "en" else "ambassade") in reply


def test_harm_in_own_operations_shows_no_suppliers_record(demo_db, monkeypatch):
    """A supplier in focus is not the one who keeps passports in the company's own warehouse."""
    focus = in_focus(demo_db, "Tabacalera del Valle")
    text = "Audit finding: passports of agency workers are kept in our own warehouse in Venlo. Wat moeten we doen?"
    keys, reply = ask(demo_db, monkeypatch, "ask_supplier_advice", text, "nl", slots=focus)
    assert keys == ["utter_case_own_operations"] and "Tabacalera" not in reply
