"""Involvement (cause / contribute / directly linked) and its remedy, the playbooks for the hard cases,
a complaint filed against the company, and the remediation, tracking and communicating answers, as users
read them in both languages."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.respond import ActionRespond
from tests.project import domain
from tests.replies import text_of

_STANDARD = {"text", "buttons", "elements", "custom", "template", "response", "image", "attachment"}


def _run(action, text, language, intent, entities=()):
    tracker = Tracker(
        "u",
        {"language": language},
        {"text": text, "intent": {"name": intent}, "entities": list(entities)},
        [],
        False,
        None,
        None,
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, tracker, {})
    return [(m["response"], {k: v for k, v in m.items() if k not in _STANDARD}) for m in dispatcher.messages]


def _read(action, text, language, intent, entities=()):
    return [text_of(key, values, language) for key, values in _run(action, text, language, intent, entities)]


INVOLVEMENT_CASES = [
    # (message, expected answer, what the answer must say in English / Dutch)
    (  # a harm in the company's own operations: the case's own answer (tests/test_described_case.py)
        "child labour was found in our own warehouse, we cause it",
        "utter_case_own_operations",
        ("your company causes the harm itself", "jullie veroorzaken de schade zelf"),
    ),
    (
        "wij veroorzaken het zelf, in onze eigen fabriek",
        "utter_involvement_causes",
        ("Provide for or cooperate in remediation", "Zorg voor herstel of werk eraan mee"),
    ),
    (
        "our prices are too low and our late order changes cause overtime at the factory",
        "utter_case_purchasing",
        ("Cease your contribution", "Stop je bijdrage"),
    ),
    (
        "we keep changing orders last minute and now there is excessive overtime, are we responsible?",
        "utter_case_purchasing",
        ("Cease your contribution", "Stop je bijdrage"),
    ),
    (
        "onze korte levertijden zorgen voor overwerk, wat nu",
        "utter_case_purchasing",
        ("Contribute to remedy, in proportion", "Draag bij aan herstel, naar verhouding"),
    ),
    (
        "the harm is at our supplier's supplier, we are directly linked",
        "utter_involvement_linked",
        (
            "not required to provide the remedy yourself, but you may take a role",
            "niet zelf te bieden, maar je kunt er een rol in nemen",
        ),
    ),
    (
        "het zit bij een onderaannemer, verderop in de keten",
        "utter_involvement_linked",
        (
            "Use your leverage so that the supplier prevents or mitigates",
            "Gebruik je invloed zodat de leverancier de schade voorkomt",
        ),
    ),
]


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("message, answer, says", INVOLVEMENT_CASES)
def test_involvement_is_read_from_the_users_words(message, answer, says, language):
    sent = _run(ActionRespond(), message, language, "ask_involvement")
    assert [key for key, _ in sent] == [answer]
    assert (says[0] if language == "en" else says[1]) in _read(ActionRespond(), message, language, "ask_involvement")[0]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_unclear_involvement_is_asked_with_three_choices_and_a_choice_answers(language):
    message = "do we cause, contribute to or are we directly linked to this?"
    assert [k for k, _ in _run(ActionRespond(), message, language, "ask_involvement")] == ["utter_involvement_ask"]
    reply = _read(ActionRespond(), message, language, "ask_involvement")[0]
    assert (
        "purchasing prices that do not cover costs" if language == "en" else "inkoopprijzen die de kosten niet dekken"
    ) in reply
    buttons = next(iter(domain()["responses"]["utter_involvement_ask"]))["buttons"]
    assert [b["payload"].split('"')[3] for b in buttons] == ["causes", "contributes", "linked"]
    chosen = [{"entity": "involvement", "value": "contributes"}]
    assert _run(ActionRespond(), "/ask_involvement", language, "ask_involvement", chosen)[0][0] == (
        "utter_involvement_contributes"
    )


PLAYBOOK_CASES = [
    (
        "our cotton may come from xinjiang",
        "ons katoen komt misschien uit xinjiang",
        ("Audits and certification are not credible there", "Audits en certificering zijn daar niet geloofwaardig"),
        ("14 December 2027", "14 december 2027"),
    ),
    (
        "our supplier is in a conflict-affected area",
        "onze leverancier zit in een conflictgebied",
        ("heightened due diligence", "verscherpte gepaste zorgvuldigheid"),
        ("https://eur-lex.europa.eu/eli/reg/2017/821/oj", "https://eur-lex.europa.eu/eli/reg/2017/821/oj"),
    ),
    (
        "children work on the smallholder cocoa farms we buy from",
        "kinderen werken op de kleine cacaoboerderijen waar we van kopen",
        (
            "child labour monitoring and remediation system (CLMRS)",
            "(child labour monitoring and remediation system, CLMRS)",
        ),
        ("Do not respond with an exit", "Reageer niet met een exit"),
    ),
    (
        "how do we get geolocation for our soy",
        "hoe krijgen we geolocatie voor onze soja",
        ("31 December 2020 (reported, not verified here", "31 december 2020 (gemeld, hier niet geverifieerd"),
        ("30 December 2026", "30 december 2026"),
    ),
    (
        "the factory depends on us for 80% of its orders, how do we leave",
        "de fabriek is van ons afhankelijk voor 80% van de orders, hoe stoppen we",
        (
            "announce it well in advance (at least a season, ideally 6 to 12 months), with a clear timeline",
            "kondig het ruim van tevoren aan (minstens een seizoen, liefst 6 tot 12 maanden), met een duidelijke tijdlijn",
        ),
        ("First use that large leverage", "Gebruik eerst die grote invloed"),
    ),
]


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("english, dutch, first, second", PLAYBOOK_CASES)
def test_each_hard_case_gets_its_playbook(english, dutch, first, second, language):
    message = english if language == "en" else dutch
    reply = _read(ActionRespond(), message, language, "ask_hard_case")
    assert len(reply) == 1
    pick = 0 if language == "en" else 1
    assert first[pick] in reply[0] and second[pick] in reply[0], reply[0]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_hard_case_question_without_a_case_offers_the_five_playbooks(language):
    sent = _run(ActionRespond(), "which situations need a different approach", language, "ask_hard_case")
    assert [k for k, _ in sent] == ["utter_hard_case_ask"]
    buttons = domain()["responses"]["utter_hard_case_ask"][0]["buttons"]
    chosen = [{"entity": "hard_case", "value": b["payload"].split('"')[3]} for b in buttons]
    answers = [_run(ActionRespond(), "/ask_hard_case", language, "ask_hard_case", [c])[0][0] for c in chosen]
    assert answers == [
        "utter_playbook_state_forced_labour",
        "utter_playbook_conflict_areas",
        "utter_playbook_smallholder_child_labour",
        "utter_playbook_deforestation",
        "utter_playbook_dependent_exit",
    ]


@pytest.mark.parametrize(
    "message, language, answer",
    [
        ("someone filed an ncp complaint against us, what now", "en", "utter_complaint_against_us"),
        ("er is een ncp-klacht tegen ons ingediend, wat nu", "nl", "utter_complaint_against_us"),
        ("how do I file a complaint with the NCP?", "en", "utter_ncp_complaint"),
        ("hoe dien ik een klacht in bij het NCP?", "nl", "utter_ncp_complaint"),
    ],
)
def test_a_complaint_against_us_gets_the_companys_side_of_the_procedure(
    message, language, answer, demo_db, monkeypatch
):
    from actions.respond import ActionRespond

    monkeypatch.setenv("DATABASE_URL", demo_db)
    sent = _run(ActionRespond(), message, language, "ask_ncp_complaint")
    assert sent[0][0] == answer
    if answer == "utter_complaint_against_us":
        reply = text_of(answer, {}, language)
        assert ("Do not retaliate" if language == "en" else "Neem geen represailles") in reply
        assert ("good offices" if language == "en" else "goede diensten") in reply


CRITERIA = {
    "en": [
        "legitimate",
        "accessible",
        "predictable",
        "equitable",
        "transparent",
        "rights-compatible",
        "continuous learning",
        "engagement and dialogue",
    ],
    "nl": [
        "legitiem",
        "toegankelijk",
        "voorspelbaar",
        "billijk",
        "transparant",
        "verenigbaar met rechten",
        "voortdurend leren",
        "betrokkenheid en dialoog",
    ],
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_remediation_names_the_ungp_effectiveness_criteria(language):
    reply = text_of("utter_remediation", {}, language)
    assert all(criterion in reply for criterion in CRITERIA[language]), reply
    assert reply.count("\n• ") == 8 and ("principle 31" if language == "en" else "principe 31") in reply


@pytest.mark.parametrize("language", ["en", "nl"])
def test_tracking_and_communicating_answer_in_both_languages(language):
    tracking = text_of("utter_tracking", {}, language)
    communicating = text_of("utter_communicating", {}, language)
    assert ("baseline" if language == "en" else "nulmeting") in tracking
    assert ("child-labour free" if language == "en" else "vrij van kinderarbeid") in communicating


@pytest.mark.parametrize(
    "text, first",
    [
        ("union members get threatened there, what do we do", ["utter_topic_for_supplier", "utter_supplier_risks"]),
        ("how do we set up a grievance mechanism?", []),
    ],
)
def test_remediation_about_the_supplier_in_focus_starts_from_its_risks(demo_db, monkeypatch, text, first):
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.respond import ActionRespond
    from tests.test_supplier_question import riverbank_id

    monkeypatch.setenv("DATABASE_URL", demo_db)
    slots = {"language": "en", "supplier_in_focus": True, "supplier_id": riverbank_id(demo_db)}
    message = {"text": text, "intent": {"name": "ask_remediation"}, "entities": []}
    dispatcher = CollectingDispatcher()
    ActionRespond().run(dispatcher, Tracker("u", slots, message, [], False, None, {}, "action_listen"), {})
    assert [m["response"] for m in dispatcher.messages] == [*first, "utter_remediation"]
