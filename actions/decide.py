"""Why a message gets its answer: one ordered table from a turn (actions/turn.py) to an answer function.

The first row whose condition holds answers. Rows come in this order:
1. what cannot be read (a message over the size limit);
2. the answer to the question the bot just asked ("which supplier?", "which country?", the NCP details);
3. what the message names: another company's data, a guess, two suppliers to compare, a question over the list,
   one supplier (which beats an unsure or generic intent guess), an aspect of the supplier in focus ("sources?");
4. the intent, when nothing above decided;
5. not sure: the likeliest topics.
Every row has a test (tests/test_decide.py). To add a kind of answer: docs/add-a-topic.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Optional, Tuple

from actions.advice.expert import asks_about_remedy
from actions.advice.indirect import RESPONSES as SEED_RESPONSES
from actions.advice.law import instruments_named, misconception_in
from actions.advice.short_advice import FULL_ADVICE, SOURCES
from actions.advice.topics import GENERAL_ONLY, general_answer, topic_for
from actions.answers import clarify, country, expert, honesty, law, listing, ncp, plans, ranking, schemes, supplier
from actions.answers.bare import Answer, refuses, respond_with
from actions.language import asks_which_of_them
from actions.reference.catalogue import country_in_text
from actions.turn import ADVICE, GENERIC, RECORD, Turn, previous_message, read_turn

BARE = frozenset({"inform", "affirm", "deny", "nlu_fallback", "out_of_scope"})  # a reply, not a question
UNSURE = frozenset({"nlu_fallback", "out_of_scope"})
_TIER_MEANING = re.compile(
    r"\btiers?\b.{0,25}\b(mean|means|betekent|betekenis|meaning|stand for)\b"
    r"|\b(mean|meaning|betekent|betekenis|explain|uitleg)\b.{0,25}\btiers?\b"
)
NCP_INTENTS = frozenset({"ask_ncp_complaint", "ask_government_funding"})
SUPPLIER_QUESTIONS = frozenset({ADVICE, RECORD, FULL_ADVICE, "ask_step3_overview"})
# Intents that ask about a supplier in their own way; with a supplier named and none of their words they are
# advice on it ("ningbo solar, we are 2.5 % of their turnover, what can we do?").
_NAMED_BECOMES_ADVICE = frozenset({"ask_country_advice", "ask_remediation", "ask_supplier_list"})
UTTERANCES = {
    "greet": "utter_greet",
    "goodbye": "utter_goodbye",
    "thank": "utter_you_are_welcome",
    "bot_challenge": "utter_iamabot",
    "ask_help": "utter_help",
    "request_human": "utter_human_handoff",
    "switch_language": "utter_language_switched",
    "ask_tracking": "utter_tracking",
    "ask_communicating": "utter_communicating",
}


@dataclass(frozen=True)
class Row:
    name: str
    when: Callable[[Turn], bool]
    answer: Answer
    question: Optional[Callable[[Turn], str]] = None  # the question the answer treats the message as

    def applies(self, turn: Turn) -> bool:
        return bool(self.when(turn))

    def run(self, dispatcher, tracker, turn: Turn):
        """Answers the turn, as the question this row treats it as."""
        return self.answer(dispatcher, tracker, turn.as_question(self.question(turn)) if self.question else turn)


def _named_question(turn: Turn) -> str:
    """What a message that names a supplier asks about it: the question waiting for a name, record fields,
    an aspect, or advice."""
    if topic_for(turn.intent) or turn.intent in (RECORD, FULL_ADVICE):
        return _judged(turn)
    if turn.intent not in GENERIC:  # a list, country, remediation or NCP guess: advice on the supplier named
        return ADVICE
    if turn.fields:
        return RECORD
    if turn.aspect:
        return turn.aspect[0]
    if turn.pending and turn.intent in BARE:
        return "inform"  # the name the waiting question needed
    return ADVICE


def _judged(turn: Turn) -> str:
    """A record question that states facts to ask a judgement ("tier 3, 3% share: any realistic leverage?") asks
    about its aspect, or for advice; otherwise the intent."""
    if turn.intent == RECORD and turn.evaluative and not turn.fields:
        return turn.aspect[0] if turn.aspect else ADVICE
    return turn.intent


def _aspect_question(turn: Turn) -> str:
    return turn.aspect[0] if turn.aspect else turn.intent


def _compares_two(turn: Turn) -> bool:
    """Two suppliers named, in words that compare or choose ("compare both", "which one is more urgent")."""
    return len(set(turn.named)) >= 2 and (ranking.asks_to_compare(turn) or asks_which_of_them(turn.text))


def _names_one_supplier_unsurely(turn: Turn) -> bool:
    """A supplier named, and the intent is unsure, generic or one that becomes advice with a name."""
    if not turn.named or turn.payload:
        return False
    if turn.intent in NCP_INTENTS:
        return not ncp.ROUTE_WORDS.search(turn.folded)
    if turn.intent == "ask_remediation":
        return not asks_about_remedy(turn.text)
    return turn.unsure or turn.intent in _NAMED_BECOMES_ADVICE


def _aspect_of_focus(turn: Turn) -> bool:
    """ "sources?", "notice period?", "en de kosten?" about the supplier being discussed."""
    if turn.focus is None or turn.named or not turn.aspect or turn.payload:
        return False
    if turn.fields and turn.aspect[0] not in (FULL_ADVICE, "ask_disengagement"):
        return False  # "what certifications do they have?" is the record; "notice period?" is not
    return turn.unsure or turn.intent in (ADVICE, RECORD, "ask_country_advice")


def _general(turn: Turn) -> bool:
    """A step-3 topic with no supplier meant: none named, none in focus (or an overview question)."""
    general = general_answer(turn.intent)
    return bool(general) and not turn.named and (turn.focus is None or turn.intent in GENERAL_ONLY)


def _over_the_list(turn: Turn) -> bool:
    """A question over the list with something to pick out or order by; the plan questions that have their own
    answer ("which suppliers have no plan?", overdue plans) keep it."""
    if not turn.over_the_list:
        return False
    query = turn.list_query
    if turn.intent == "ask_overdue_plans":
        return False
    if turn.intent == "ask_plans_missing" and query.with_plan is False:
        return replace(query, with_plan=None).asked
    if query.order == "severity" and not query.filters:
        return False  # where to act first across all of them
    return query.asked or turn.intent == "ask_supplier_list" or turn.continues_list


# Drafting, changing or asking about plans: their own answer, never the short advice or a described case.
_PLAN_INTENTS = frozenset({"make_plan", "edit_plan", "ask_plan_status", "ask_overdue_plans", "ask_plans_missing"})
# Intents whose own answer a described case does not replace (a plan, a list, the NCP route, the basics).
_CASE_YIELDS = _PLAN_INTENTS | {
    "ask_supplier_list",
    "compare_suppliers",
    "ask_where_to_act_first",
    "ask_ncp_complaint",
    "ask_government_funding",
    "ask_company_contacts",
    "switch_language",
    "greet",
    "thank",
    "goodbye",
    "bot_challenge",
    "request_human",
}
# In a pasted audit summary only these cases decide; otherwise the advice on the supplier covers its findings.
_CASES_IN_A_PASTE = frozenset({"harassment", "state_forced_labour", "minerals", "conflict_areas"})


# "what do we know about those harassment complaints?" asks the records, not what to do
_ASKS_THE_RECORDS = re.compile(
    r"\b(what do (?:we|our records|the records) (?:know|say)|what does (?:the|our) record|wat weten we|"
    r"wat staat er|wat zeggen (?:onze|de) gegevens|in ons dossier|in our records)\b"
)


def _describes_a_case(turn: Turn) -> bool:
    """The message describes a case with its own answer ("we changed the order three times at the last minute",
    "cotton from Xinjiang", "how long a notice period?"): that beats the intent guess and the recorded risks."""
    situation = turn.situation
    if not situation or turn.payload or turn.over_the_list or turn.intent in _CASE_YIELDS:
        return False
    if _ASKS_THE_RECORDS.search(turn.folded):
        return False
    if turn.intent == "ask_law_applicability" and instruments_named(turn.text):
        return False
    return not turn.pasted or situation in _CASES_IN_A_PASTE


def _names_a_seed_topic(turn: Turn) -> bool:
    """A topic of the guidance in other words ("we're a minnow, any point?"), whatever the intent guessed; the
    NCP and government-money guesses give way only to the help desk."""
    topic = turn.seed_topic
    if not topic or turn.named or turn.payload or turn.over_the_list:
        return False
    yields = _CASE_YIELDS - NCP_INTENTS if topic == "help_desk" else _CASE_YIELDS - {"ask_ncp_complaint"}
    return turn.intent not in yields


def _seed_topic(dispatcher, tracker, turn: Turn):
    topic = turn.seed_topic
    if topic in SEED_RESPONSES:
        dispatcher.utter_message(response=SEED_RESPONSES[topic])
        return []
    answer = supplier.supplier_question if turn.focus is not None else supplier.general_topic
    return answer(dispatcher, tracker, turn.as_question(topic))


def _sources(dispatcher, tracker, turn: Turn):
    """ "sources?": of the advice on the supplier in focus, else the official publications the guidance rests on."""
    if turn.focus is not None:
        return supplier.supplier_question(dispatcher, tracker, turn.as_question(FULL_ADVICE))
    dispatcher.utter_message(response="utter_sources_general")
    return []


def _agreement(dispatcher, tracker, turn):
    return supplier.answer_agreement_question(dispatcher, turn)


def _to(question: str) -> Callable[[Turn], str]:
    return lambda turn: question


def _intent(*intents: str) -> Callable[[Turn], bool]:
    return lambda turn: turn.intent in intents


def _utterance(dispatcher, tracker, turn):
    dispatcher.utter_message(response=UTTERANCES[turn.intent])
    return []


ROWS: Tuple[Row, ...] = (
    # 1. what cannot be read
    Row("too long to read", lambda t: bool(t.too_long), clarify.too_long_answer),
    # 2. the answer to the bot's own question
    Row(
        "the last answer again, in the language asked for",
        lambda t: t.asks_again_in_a_language and t.intent in ("switch_language", *BARE),
        lambda dispatcher, tracker, t: _again_in_language(dispatcher, tracker, t),
    ),
    Row("yes to the offer of a plan", lambda t: t.asked == "plan_offer" and t.intent == "affirm", plans.make_plan),
    Row(
        "no to the offer of a plan",
        lambda t: t.asked == "plan_offer" and t.intent == "deny",
        respond_with("utter_anything_else"),
    ),
    Row(
        "no, stop: the open question is dropped",
        lambda t: refuses(t) and t.asked in ("country", "supplier"),
        respond_with("utter_form_stopped"),
    ),
    Row(
        "the name asked for",
        lambda t: (
            t.asked == "supplier"
            and t.intent in ("inform", "nlu_fallback", "out_of_scope", "deny")
            and bool(t.names(include_guesses=True) or not (t.countries or t.risks))
            and (bool(t.named) or t.could_be_a_name)
            and not _compares_two(t)  # "compare both" after "which of these?"
        ),
        supplier.supplier_question,
        _to("inform"),
    ),
    Row(
        "the country asked for",
        lambda t: t.asked == "country" and t.intent in BARE and not (t.new_question and not t.countries_named),
        country.country_answer,
    ),
    Row(
        "sources asked for",
        lambda t: (
            bool(t.aspect) and t.aspect[1] == SOURCES and len(t.folded.split()) <= 6 and not (t.named or t.payload)
        ),
        _sources,
    ),
    Row(
        "the contact of an NCP",
        lambda t: not t.named and (t.intent in BARE or t.intent in NCP_INTENTS) and ncp.asks_ncp_contact(t),
        ncp.ncp_contacts,
    ),
    Row("the NCP details asked for", lambda t: t.intent in BARE and ncp.continues_case(t), ncp.continue_case),
    Row(
        "a change to the plan just shown",
        lambda t: (
            t.focus is not None
            and (any(r.startswith("utter_plan_") for r in t.last_responses) or plans.names_an_owner(t))
            and not t.asks_for_a_plan
            and t.intent not in ("make_plan", "ask_plan_status")
            and plans.reads_as_an_edit(t)
        ),
        plans.edit_plan,
    ),
    # 3. what the message names
    Row(
        "a misreading of the law",
        lambda t: bool(misconception_in(t.text)) and not t.payload and not t.over_the_list,
        law.law_misconception,
    ),
    Row("another company's data", honesty.asks_other_company_data, honesty.other_company),
    Row("what the records do not hold", honesty.asks_what_is_not_recorded, honesty.not_recorded),
    Row("whether an issue is resolved", honesty.asks_if_resolved, honesty.resolution_not_recorded),
    Row("an official's name or number", honesty.asks_for_an_official, honesty.official_contacts),
    Row("what a tier is", lambda t: bool(_TIER_MEANING.search(t.folded)), respond_with("utter_tier_explained")),
    Row(
        "whether the guidelines still apply",
        lambda t: honesty.asks_if_guidelines_apply(t) and t.intent not in ("ask_law_applicability",),
        respond_with("utter_guidelines_still_apply"),
    ),
    Row(
        "a guess asked for",
        lambda t: honesty.asks_for_a_guess(t) and not t.payload,
        honesty.no_guess,
    ),
    Row(
        "a sector agreement's status",
        lambda t: t.agreement and not t.named and (t.intent in UNSURE or _general(t)),
        _agreement,
    ),
    Row(
        "a short answer about one supplier",
        lambda t: (
            t.brief
            # named, or "shorter please?" right after an answer about the supplier in focus
            and bool(t.named or (t.focus is not None and any(r.startswith("utter_supplier") for r in t.last_responses)))
            and len(set(t.named)) <= 1  # "in two lines" is no second supplier to compare
            and not (t.payload or t.over_the_list or t.situation)
            and t.intent not in _PLAN_INTENTS
        ),
        supplier.brief_answer,
    ),
    Row(
        "which of the two just discussed",
        lambda t: t.which_of_them and len(set(t.named)) < 2 and not t.list_query.filters,
        ranking.compare_suppliers,
    ),
    Row(
        "two suppliers named",
        lambda t: (
            _compares_two(t) or (len(set(t.named)) >= 2 and t.intent in ("compare_suppliers", "ask_where_to_act_first"))
        ),
        ranking.compare_suppliers,
    ),
    Row(
        "compare with one discussed lately",
        lambda t: t.intent == "compare_suppliers" and ranking.can_compare(t) and t.asked != "supplier",
        ranking.compare_suppliers,
    ),
    Row(
        "one supplier named where a ranking or comparison was guessed",
        lambda t: t.intent in ("compare_suppliers", "ask_where_to_act_first") and len(set(t.named)) == 1,
        supplier.supplier_question,
        _to(ADVICE),
    ),
    Row(
        "a plan asked for a supplier",
        lambda t: (
            t.asks_for_a_plan
            and bool(t.named or t.focus is not None)
            and (t.unsure or t.intent in (ADVICE, "ask_action_plan", "make_plan"))
        ),
        plans.make_plan,
    ),
    Row(
        "a plan shown",
        lambda t: t.asks_to_see_a_plan and bool(t.named or t.focus is not None) and not t.asks_for_a_plan,
        plans.plan_status,
    ),
    Row("a case described", _describes_a_case, expert.described_case),
    Row("a guidance topic in other words", _names_a_seed_topic, _seed_topic),
    Row(
        "a text pasted about the supplier in focus",
        lambda t: t.pasted and t.unsure and t.focus is not None and not t.named,
        supplier.supplier_question,
        _to(ADVICE),
    ),
    Row("is a certificate enough for a risk", schemes.asks_if_certificate_is_enough, schemes.certificate_enough),
    Row("is a scheme enough", lambda t: schemes.scheme_enough_asked(t) is not None, schemes.scheme_enough),
    Row(
        "one supplier named, the intent unsure or generic",
        _names_one_supplier_unsurely,
        supplier.supplier_question,
        _named_question,
    ),
    Row("unions in a country", country.asks_unions_in_a_country, country.unions_in_country),
    Row("a question over the list", _over_the_list, listing.list_suppliers),
    Row("schemes for a commodity named", schemes.asks_schemes_for_commodity, schemes.commodity_schemes),
    Row("a scheme explained", lambda t: schemes.scheme_asked(t) is not None, schemes.explain_scheme),
    Row(
        "a description that fits several suppliers",
        lambda t: len(t.described) > 1 and t.intent not in ("ask_supplier_list", "ask_country_advice"),
        supplier.offer_described,
    ),
    Row("an aspect of the supplier in focus", _aspect_of_focus, supplier.supplier_question, _aspect_question),
    Row(
        "a record field of the supplier in focus",
        lambda t: (
            t.focus is not None
            and bool(t.fields)
            and not t.named
            and not t.payload
            and t.intent
            in NCP_INTENTS | UNSURE | {"inform", "ask_country_advice", "request_human", "ask_company_contacts"}
            and not ncp.ROUTE_WORDS.search(t.folded)
        ),
        supplier.supplier_question,
        _to(RECORD),
    ),
    Row(
        "advice asked for a name not in the records",
        lambda t: t.intent in UNSURE and clarify.about_an_unknown_supplier(t),
        supplier.supplier_question,
        _to(ADVICE),
    ),
    # 4. the intent
    Row(
        "a language asked for together with a question",
        lambda t: t.intent == "switch_language" and len(t.folded.split()) > 8 and len(t.ranking) > 1,
        lambda dispatcher, tracker, t: _answer_as_runner_up(dispatcher, tracker, t),
    ),
    Row(
        "a plain response",
        lambda t: t.intent in UTTERANCES and not (t.intent == "switch_language" and t.unsure),
        _utterance,
    ),
    Row("a step-3 topic in general", _general, supplier.general_topic),
    Row(
        "a question about one supplier",
        lambda t: t.intent in SUPPLIER_QUESTIONS or bool(topic_for(t.intent)),
        supplier.supplier_question,
        _judged,
    ),
    Row("a comparison without two suppliers", _intent("compare_suppliers"), ranking.compare_suppliers),
    Row("where to act first", _intent("ask_where_to_act_first"), ranking.rank_suppliers),
    Row("the supplier list", _intent("ask_supplier_list"), listing.list_suppliers),
    Row(
        "country advice for the supplier in focus",
        lambda t: (
            t.intent == "ask_country_advice"
            and t.focus is not None
            and not (t.countries or country_in_text(t.text) or t.sector)
        ),
        supplier.supplier_question,
    ),
    Row("country advice", _intent("ask_country_advice"), country.country_question),
    Row("the NCP or government money", _intent(*NCP_INTENTS), ncp.ncp_question),
    Row("draft a plan", _intent("make_plan"), plans.make_plan),
    Row("change a plan", _intent("edit_plan"), plans.edit_plan),
    Row("a plan's status", _intent("ask_plan_status"), plans.plan_status),
    Row("overdue plans", _intent("ask_overdue_plans"), plans.overdue_plans),
    Row("suppliers without a plan", _intent("ask_plans_missing"), plans.plans_missing),
    Row("the law for this company", _intent("ask_law_applicability"), law.law_applicability),
    Row("the company's own contacts", _intent("ask_company_contacts"), law.company_contacts),
    Row("cause, contribute or linked", _intent("ask_involvement"), expert.involvement),
    Row("a hard case", _intent("ask_hard_case"), expert.hard_case),
    Row("remediation", _intent("ask_remediation"), expert.remediation),
    # 5. not sure
    Row(
        "an aspect asked in general",
        lambda t: t.unsure and bool(t.aspect) and bool(general_answer(t.aspect[0])) and not t.named and not t.payload,
        supplier.general_topic,
        _aspect_question,
    ),
    Row(
        "what step 3 is, asked unsurely",
        lambda t: t.asks_what_step3_is and not t.named and t.intent in BARE,
        supplier.general_topic,
        _to("ask_step3_overview"),
    ),
    Row("out of scope", _intent("out_of_scope"), respond_with("utter_out_of_scope")),
    Row("unsure between the NCP and government money", clarify.ncp_likely, ncp.ncp_question),
    Row(
        "a risk named about the supplier in focus",
        lambda t: (
            t.intent in BARE and t.focus is not None and bool(t.risks) and not (t.countries or t.named or t.payload)
        ),
        supplier.supplier_question,
        _to("ask_prioritisation"),  # its risks and what to do about each, not "which country?"
    ),
    Row(
        "a country or risk on its own",
        lambda t: t.intent in BARE and bool(t.countries or t.risks),
        country.country_question,
    ),
    Row("a bare reply with nothing open", _intent("inform", "affirm", "deny"), supplier.what_next),
    Row("not sure what is meant", lambda t: True, clarify.offer_topics),
)


def decide(turn: Turn) -> Row:
    """The row that answers this turn."""
    return next(row for row in ROWS if row.applies(turn))


def _answer_as_runner_up(dispatcher, tracker, turn: Turn):
    """ "Could you answer in Dutch please: what are the risks at …?": the language is switched (the policy reads the
    request); the question is answered as the NLU's next guess."""
    intent, confidence = turn.ranking[1]
    runner_up = replace(turn, intent=intent, confidence=confidence, question=intent)
    return decide(runner_up).run(dispatcher, tracker, runner_up)


def _again_in_language(dispatcher, tracker, turn: Turn):
    """ "Kun je dat in het Nederlands zeggen?": the previous question answered again; the language policy has
    switched the conversation's language already."""
    previous = previous_message(tracker)
    if not previous:
        return _utterance(dispatcher, tracker, replace(turn, intent="switch_language"))
    again = read_turn(tracker, previous)
    row = decide(again)
    if row.name.startswith("the last answer again"):
        return _utterance(dispatcher, tracker, replace(turn, intent="switch_language"))
    return row.run(dispatcher, tracker, again)
