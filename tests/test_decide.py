"""The decision table (actions/decide.py): every row is reached by the turn it is for, and none earlier."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker

from actions.decide import ROWS, UTTERANCES, decide
from actions.records.supplier_lookup import Candidate
from actions.turn import read_turn
from tests.project import ROOT, domain


def turn(
    intent: str,
    text: str,
    *,
    confidence: float = 0.9,
    entities: Optional[List[Dict[str, Any]]] = None,
    ranking: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    asked: Optional[str] = None,
    too_long: bool = False,
):
    """A turn as the action server reads it; `asked` is the response key of the bot's last question."""
    message: Dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
        "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
    }
    if too_long:
        message["message_too_long"] = {"chars": 7000, "limit": 6000}
    events: List[Dict[str, Any]] = [{"event": "user", "text": "earlier"}]
    if asked:
        events.append({"event": "bot", "text": "?", "metadata": {"utter_action": asked}})
    events.append({"event": "user", "text": text})
    return read_turn(
        Tracker("u", {"language": "en", **(slots or {})}, message, events, False, None, {}, "action_listen")
    )


def supplier(name: str, unknown: bool = False) -> Dict[str, Any]:
    entity = {"entity": "supplier", "value": name}
    return {**entity, "unknown_name": True} if unknown else entity


FOCUS = {"supplier_id": 7.0, "supplier_in_focus": True, "supplier": "Riverbank Knitwear"}
TWO_RECENT = {**FOCUS, "recent_suppliers": ["3", "7"]}

# row name -> a turn that row answers (and no row before it does)
CASES = {
    "too long to read": turn("nlu_fallback", "x" * 50, too_long=True),
    "yes to the offer of a plan": turn("affirm", "yes please", asked="utter_plan_none", slots=FOCUS),
    "no to the offer of a plan": turn("deny", "no thanks", asked="utter_plan_none", slots=FOCUS),
    "no, stop: the open question is dropped": turn("deny", "no, forget it", asked="utter_ask_supplier"),
    "the name asked for": turn("inform", "vd berg stoffen", asked="utter_ask_supplier"),
    "the country asked for": turn("inform", "vietnam", asked="utter_ask_country"),
    "the contact of an NCP": turn("ask_ncp_complaint", "Wat is het e-mailadres van het NCP in Turkije?"),
    "the NCP details asked for": turn("inform", "a subsidy", asked="utter_ask_government_money"),
    "a sector agreement's status": turn("nlu_fallback", "is the textile covenant still running?"),
    "which of the two just discussed": turn("ask_prioritisation", "which of the two first?", slots=TWO_RECENT),
    "two suppliers named": turn(
        "compare_suppliers",
        "riverbank or lotus first?",
        entities=[supplier("Riverbank Knitwear"), supplier("Lotus Weaving")],
    ),
    "compare with one discussed lately": turn(
        "compare_suppliers",
        "compare them with lotus",
        entities=[supplier("Lotus Weaving")],
        slots=FOCUS | {"recent_suppliers": ["7"]},
    ),
    "one supplier named where a ranking or comparison was guessed": turn(
        "ask_where_to_act_first",
        "audit of riverbank: 60h weeks. what do we do first?",
        entities=[supplier("Riverbank Knitwear")],
    ),
    "a plan asked for a supplier": turn(
        "ask_supplier_advice",
        "maak een actieplan voor lahore surgical",
        entities=[supplier("Lahore Surgical Instruments")],
    ),
    "one supplier named, the intent unsure or generic": turn(
        "nlu_fallback", "abidjan cacao - main risks?", confidence=0.3, entities=[supplier("Abidjan Cacao Export")]
    ),
    "a description that fits several suppliers": replace(
        turn("ask_supplier_record", "the coffee one, hows it doing on audits"),
        described=(
            Candidate(41, "Sidamo Highland Coffee", "ET", 100.0),
            Candidate(43, "Sumatra Coffee Growers", "ID", 100.0),
        ),
    ),
    "a record field of the supplier in focus": turn("ask_ncp_complaint", "contact there?", slots=FOCUS),
    "an aspect of the supplier in focus": turn("nlu_fallback", "partners?", confidence=0.4, slots=FOCUS),
    "advice asked for a name not in the records": turn(
        "nlu_fallback",
        "what should we do about fjordlaks?",
        entities=[supplier("fjordlaks", unknown=True)],
        ranking=[{"name": "nlu_fallback", "confidence": 0.5}, {"name": "ask_supplier_advice", "confidence": 0.4}],
    ),
    "a plain response": turn("greet", "hello"),
    "a step-3 topic in general": turn("ask_leverage", "how do we increase our leverage as a small buyer?"),
    "a question about one supplier": turn("ask_leverage", "how much leverage do we have there?", slots=FOCUS),
    "a comparison without two suppliers": turn("compare_suppliers", "which supplier first, the two of them?"),
    "where to act first": turn("ask_where_to_act_first", "where should we act first?"),
    "the supplier list": turn("ask_supplier_list", "supplier overview please"),
    "another company's data": turn("ask_supplier_record", "what does primark pay riverbank per sweater?"),
    "a guess asked for": turn("nlu_fallback", "give me your best guess for the date", confidence=0.4, slots=FOCUS),
    "is a certificate enough for a risk": turn(
        "ask_is_enough",
        "is their certificate enough for that land conflict?",
        entities=[{"entity": "risk_type", "value": "land_rights"}],
        slots=FOCUS,
    ),
    "schemes for a commodity named": turn(
        "ask_certification", "and for the soy we will buy?", asked="utter_fitting_schemes", slots=FOCUS
    ),
    "unions in a country": turn(
        "ask_union_restrictions", "is Mexico like China where independent unions are banned by law?"
    ),
    "a scheme explained": turn("nlu_fallback", "whats fsc", confidence=0.3),
    "is a scheme enough": turn("ask_is_enough", "is their RMAP audit enough?", slots=FOCUS),
    "a plan shown": turn("ask_supplier_advice", "show me the full plan now", slots=FOCUS),
    "what step 3 is, asked unsurely": turn(
        "nlu_fallback", "I'm new in procurement. what does step 3 of the IMVO thing actually mean?", confidence=0.3
    ),
    "a change to the plan just shown": turn(
        "ask_company_contacts",
        "actually no, make the owner our compliance officer Priya Nair, priya.nair@ourco.nl",
        asked="utter_plan_owner_set",
        slots=FOCUS,
    ),
    "a language asked for together with a question": turn(
        "switch_language",
        "Could you answer in Dutch please, for my Dutch board: what are the risks at riverbank knitwear?",
        ranking=[
            {"name": "switch_language", "confidence": 0.6},
            {"name": "ask_supplier_advice", "confidence": 0.3},
        ],
    ),
    "whether an issue is resolved": turn(
        "ask_supplier_record", "istanbul metal - that accident last year, is it sorted", slots=FOCUS
    ),
    "whether the guidelines still apply": turn(
        "nlu_fallback", "so do the international guidelines even apply there?", confidence=0.4, slots=FOCUS
    ),
    "a text pasted about the supplier in focus": turn(
        "nlu_fallback",
        "Got this this morning:\nFrom: F. Akter\nSubject: building upgrade timeline\nDear buyer, the fire doors …",
        confidence=0.3,
        slots=FOCUS,
    ),
    "an official's name or number": turn(
        "ask_government_funding", "who at the ministry exactly? give me a name and email"
    ),
    "an aspect asked in general": turn(
        "nlu_fallback", "We're only 0.8% of their revenue, so realistically we can't change anything?", confidence=0.3
    ),
    "the last answer again, in the language asked for": turn("switch_language", "kun je dat in het nederlands zeggen?"),
    "what a tier is": turn("nlu_fallback", "sorry if dumb q, what does tier 2 mean for a supplier", confidence=0.3),
    "what the records do not hold": turn("nlu_fallback", "wat weten we níet over deze leverancier?", slots=FOCUS),
    "a question over the list": turn("ask_supplier_advice", "which of our suppliers were never audited?"),
    "country advice for the supplier in focus": turn(
        "ask_country_advice", "the origin of the polysilicon is unknown, what now?", slots=FOCUS
    ),
    "country advice": turn("ask_country_advice", "we want to source cotton from Uzbekistan"),
    "the NCP or government money": turn("ask_ncp_complaint", "how do I file a complaint with the NCP?"),
    "draft a plan": turn("make_plan", "we need an action plan for them", slots=FOCUS),
    "change a plan": turn("edit_plan", "review on 1 March 2027", slots=FOCUS),
    "a plan's status": turn("ask_plan_status", "what is the status of our plan?", slots=FOCUS),
    "overdue plans": turn("ask_overdue_plans", "which plans are overdue?"),
    "suppliers without a plan": turn("ask_plans_missing", "which suppliers have no plan yet?"),
    "the law for this company": turn("ask_law_applicability", "does the CSDDD apply to us?"),
    "the company's own contacts": turn("ask_company_contacts", "who is our CSR officer?"),
    "cause, contribute or linked": turn("ask_involvement", "do we contribute?"),
    "a hard case": turn("ask_hard_case", "which hard cases do you have playbooks for?"),
    "a short answer about one supplier": turn(
        "ask_supplier_advice",
        "riverbank - short version please, what's the main issue?",
        entities=[supplier("Riverbank Knitwear")],
    ),
    "a case described": turn(
        "ask_supplier_advice",
        "we changed their orders at the last minute three times, now they work 70-hour weeks. what now?",
        slots=FOCUS,
    ),
    "a guidance topic in other words": turn("ask_ncp_complaint", "we're a minnow, is there any point?"),
    "sources asked for": turn("nlu_fallback", "bronnen?", confidence=0.4, asked="utter_ask_ncp_country"),
    "a misreading of the law": turn("ask_law_applicability", "so we can skip supplier due diligence?"),
    "remediation": turn("ask_remediation", "what makes a grievance mechanism effective?"),
    "out of scope": turn("out_of_scope", "what's the weather in Paris?"),
    "unsure between the NCP and government money": turn(
        "nlu_fallback",
        "whom do we tell about this?",
        ranking=[
            {"name": "nlu_fallback", "confidence": 0.5},
            {"name": "ask_ncp_complaint", "confidence": 0.3},
            {"name": "ask_government_funding", "confidence": 0.2},
        ],
    ),
    "a risk named about the supplier in focus": turn(
        "nlu_fallback",
        "The water issue - what can we do as a buyer, we're not the ones pumping",
        entities=[{"entity": "risk_type", "value": "water"}],
        slots=FOCUS,
    ),
    "a country or risk on its own": turn("inform", "vietnam", entities=[{"entity": "country", "value": "VN"}]),
    "a bare reply with nothing open": turn("affirm", "ok"),
    "not sure what is meant": turn("nlu_fallback", "hmm", ranking=[{"name": "nlu_fallback", "confidence": 0.9}]),
}


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_prioritisation", "we have identified too many risks, which ones should we tackle first?"),
        ("ask_prioritisation", "welke moeten we als eerste aanpakken?"),
    ],
)
def test_which_ones_about_risks_is_no_list_question(intent, text):
    assert decide(turn(intent, text)).name == "a step-3 topic in general"


def test_every_row_has_a_case():
    assert set(CASES) == {row.name for row in ROWS}
    assert len({row.name for row in ROWS}) == len(ROWS), "row names are unique"


@pytest.mark.parametrize("name", [row.name for row in ROWS])
def test_each_row_answers_its_turn(name):
    assert decide(CASES[name]).name == name


def test_a_named_supplier_beats_an_unsure_guess_and_says_what_is_asked():
    contact = turn(
        "nlu_fallback", "riverbank - who is the contact?", confidence=0.3, entities=[supplier("Riverbank Knitwear")]
    )
    row = decide(contact)
    assert row.name == "one supplier named, the intent unsure or generic"
    assert row.question(contact) == "ask_supplier_record"
    notice = turn("thank", "thanks - and riverbank, notice period?", entities=[supplier("Riverbank Knitwear")])
    assert decide(notice).question(notice) == "ask_disengagement"


@pytest.mark.parametrize("text", ["🙂🙂🌍🔥", "???", "", "👍"])
def test_a_message_without_words_is_not_read_as_a_topic_however_sure_the_model_is(text):
    """A model may be sure that emoji ask about the NCP (one training seed was); there is nothing to answer."""
    wordless = turn("ask_ncp_complaint", text, confidence=0.8)
    assert (wordless.intent, wordless.ranking) == ("nlu_fallback", ())
    assert decide(wordless).name == "not sure what is meant"


@pytest.mark.parametrize(
    "intent, text",
    [
        ("compare_suppliers", "ze hebben allebei RBA, wat zegt dat eigenlijk?"),
        ("ask_supplier_record", "they both have RBA, what does that actually mean?"),
    ],
)
def test_what_their_scheme_means_is_the_scheme_explained_not_a_comparison(intent, text):
    assert decide(turn(intent, text, slots=TWO_RECENT)).name == "a scheme explained"


def test_whether_their_audit_covers_the_case_is_not_a_scheme_explained():
    assert decide(turn("ask_certification", "is the laundry issue covered by their BSCI audit?", slots=FOCUS)).name != (
        "a scheme explained"
    )


def test_the_contact_of_an_ncp_is_answered_before_any_question_and_so_is_the_next_one():
    turkish = turn("ask_ncp_complaint", "Wat is het e-mailadres van het NCP in Turkije?")
    assert decide(turkish).name == "the contact of an NCP"
    dutch = turn("ask_ncp_complaint", "En van het Nederlandse NCP dan?", asked="utter_ncp_contacts")
    assert decide(dutch).name == "the contact of an NCP"
    assert decide(turn("ask_ncp_complaint", "how do I file a complaint with the NCP?")).name == (
        "the NCP or government money"
    )


def test_how_plans_work_is_not_a_request_to_draft_one():
    assert decide(turn("ask_action_plan", "how do we draw up an action plan?", slots=FOCUS)).name == (
        "a question about one supplier"
    )
    assert decide(turn("ask_action_plan", "make an action plan for them", slots=FOCUS)).name == (
        "a plan asked for a supplier"
    )


def test_an_aspect_follow_up_beats_a_record_field_guess():
    notice = turn("ask_supplier_record", "exit options there?", slots=FOCUS)
    row = decide(notice)
    assert (row.name, row.question(notice)) == ("an aspect of the supplier in focus", "ask_disengagement")
    certificates = turn("ask_supplier_record", "what certifications do they have?", slots=FOCUS)
    assert decide(certificates).name == "a question about one supplier"
    timing = turn("ask_supplier_record", "how long of a notice period is reasonable?", slots=FOCUS)
    assert decide(timing).name == "a case described"  # the timing of a responsible exit, for the supplier in focus


def test_every_intent_of_the_domain_has_one_rule_to_the_one_action():
    rules = yaml.safe_load((ROOT / "data/rules/respond.yml").read_text(encoding="utf-8"))["rules"]
    routed = {rule["steps"][0]["intent"]: rule["steps"][1]["action"] for rule in rules}
    assert set(routed) == set(domain()["intents"]) | {"nlu_fallback"}
    assert set(routed.values()) == {"action_respond"}
    assert set(UTTERANCES.values()) <= set(domain()["responses"])
