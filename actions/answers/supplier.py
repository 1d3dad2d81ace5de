"""Answers about one supplier (advice, a field of its record, a follow-up topic), and the supplier list.

`supplier_question` answers for the supplier named in the message, else the one in focus; otherwise it asks
which, and the question waits in `pending_intent` until the user names one. Nothing holds the conversation:
a user who asks something else simply gets that answered. Which messages come here: actions/decide.py.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import object_session

from actions import access
from actions.advice import render
from actions.advice.advice import advise_supplier, agreements_asked
from actions.advice.render_records import record_messages
from actions.advice.short_advice import FULL_ADVICE, brief_messages, short_advice_messages
from actions.advice.short_advice import buttons as short_advice_buttons
from actions.advice.topics import general_answer, topic_for
from actions.advice.wording import say
from actions.common import RecordsUnavailable, records, safe_echo, send
from actions.language import fold
from actions.records import repository
from actions.records.supplier_lookup import SCORE_CUTOFF, Candidate, find_suppliers, spells
from actions.reference import catalogue
from actions.turn import ADVICE, RECORD, Turn

CONFIDENT_SCORE = 85.0
CLEAR_MARGIN = 6.0


def one_supplier(session: Any, name: str) -> Optional[Candidate]:
    """The one supplier a typed name means, or None when it means none or several."""
    return choose(find_suppliers(session, name[:200], limit=5), name)


def meant_supplier(session: Any, turn: Turn) -> Optional[Any]:
    """The supplier record a question is about: the one named (when the name means one clearly), else the one in
    focus; None when neither."""
    chosen = one_supplier(session, turn.named[0]) if turn.named else None
    supplier_id = chosen.supplier_id if chosen else turn.focus
    return repository.get_supplier(session, supplier_id) if supplier_id is not None else None


def with_supplier_meant(
    dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn, use: Callable[[Any], None]
) -> List[Dict[str, Any]]:
    """Calls `use` with the supplier meant (named, else in focus) when the sender may see the records, and returns
    the events that keep it in focus. Without one, without access or without readable records (the user was told)
    it does nothing: the general answer that follows holds on its own."""
    if not (turn.named or turn.focus is not None) or not access.may_see_records(access.identity_of(tracker)):
        return []
    try:
        with records(dispatcher) as session:
            supplier = meant_supplier(session, turn)
            if supplier is None:
                return []
            access.audit(session, tracker, "supplier_topic", supplier)
            use(supplier)
            return focus_events(tracker, supplier.id, supplier.name)
    except RecordsUnavailable:
        return []


def choose(candidates: List[Candidate], typed: Optional[str] = None) -> Optional[Candidate]:
    """The one supplier meant, or None when none or several are close. With the name as typed, only a
    supplier whose name has every word typed can be meant: a look-alike name is asked about, never answered."""
    if typed is not None:
        candidates = [c for c in candidates if spells(typed, c.name)]
        if len(candidates) == 1 and candidates[0].score >= SCORE_CUTOFF:
            return candidates[0]
    if not candidates or candidates[0].score < CONFIDENT_SCORE:
        return None
    if len(candidates) > 1 and candidates[1].score > candidates[0].score - CLEAR_MARGIN:
        return None
    return candidates[0]


NEAR_WORD_SCORE = 85.0


def near_names(session: Any, name: str, candidates: List[Candidate]) -> List[Candidate]:
    """Suppliers whose name looks like the one typed: those found for it, and those sharing a distinctive
    word ("Dhaka Denim Works" -> Dhaka Leather Goods), closest first."""
    found = {c.supplier_id: c for c in candidates}
    for word in name.split():
        if len(word) >= 4:
            for c in find_suppliers(session, word[:60], limit=2):
                if c.score >= NEAR_WORD_SCORE and c.supplier_id not in found:
                    found[c.supplier_id] = c

    def shared_words(candidate: Candidate) -> int:
        return sum(spells(w, candidate.name) for w in name.split() if len(w) >= 4)

    return sorted(found.values(), key=lambda c: (-shared_words(c), -c.score))


def as_candidates(suppliers: List[Any]) -> List[Candidate]:
    """Suppliers listed from the records, as (certain) candidates for buttons."""
    return [Candidate(s.id, s.name, s.country_iso2, 100.0) for s in suppliers]


RECENT_KEPT = 5


def supplier_buttons(candidates: List[Candidate], language: str, intent: str = ADVICE) -> List[Dict[str, str]]:
    """One button per candidate that asks the same question again, about that supplier."""
    buttons = []
    for c in candidates[:5]:
        title = say(language, "supplier_button", name=c.name, country=catalogue.country_name(c.country_iso2, language))
        payload = f"/{intent}" + json.dumps({"supplier": c.name}, ensure_ascii=False)
        buttons.append({"title": title, "payload": payload})
    return buttons


# "give me the full advice" read as a new advice question is still a request for the full text.
_FULL_ADVICE_WORDS = re.compile(
    r"\b(full|complete|whole|entire|detailed|long) (advice|version|text)\b"
    r"|\b(volledige?|hele|complete|uitgebreide?|lange) (advies|versie|tekst)\b"
)


def pending_question(intent: Optional[str], text: str = "") -> str:
    """The question to answer once the supplier is known (a general step-3 question becomes advice)."""
    if intent in (RECORD, FULL_ADVICE) or topic_for(intent):
        return intent
    if _FULL_ADVICE_WORDS.search(fold(text)):
        return FULL_ADVICE
    return ADVICE


def focus_events(
    tracker: Tracker, supplier_id: int, name: str, also_recent: Optional[int] = None
) -> List[Dict[str, Any]]:
    """The supplier in focus, and the recent ones (for "which of the two first?"), most recent last."""
    latest = [str(i) for i in (also_recent, supplier_id) if i is not None]
    recent = [r for r in (tracker.get_slot("recent_suppliers") or []) if r not in latest]
    return [
        SlotSet("supplier", name),
        SlotSet("supplier_id", float(supplier_id)),
        SlotSet("supplier_in_focus", True),
        SlotSet("recent_suppliers", [*recent, *latest][-RECENT_KEPT:]),
    ]


# A new advice question that is about some other supplier than the one in focus.
_ANOTHER_SUPPLIER = re.compile(
    r"\b(a supplier|one of our suppliers|another supplier|other supplier|een leverancier|een van onze leveranciers|"
    r"andere leverancier|nieuwe leverancier|new supplier)\b"
)
# What a user writes in answer to "which supplier?": then the question that waited is answered.
ANSWERS = frozenset({"inform", "nlu_fallback", "out_of_scope", "affirm"})
NAME_ANSWERS = frozenset({"inform", "nlu_fallback", "out_of_scope"})


def answer_agreement_question(dispatcher: CollectingDispatcher, turn: Turn) -> List[Dict[str, Any]]:
    """ "Is the textile covenant still running?": the agreement's status and the current route."""
    ended, current = agreements_asked(turn.text)
    send(dispatcher, render.agreement_status_messages(ended, current, turn.language))
    return []


def general_topic(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """A step-3 topic in general (no supplier meant)."""
    dispatcher.utter_message(response=general_answer(turn.question))
    return [SlotSet("pending_intent", None)]


def answer_events(
    dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn, supplier: Any, pending: str, fields: List[str]
) -> List[Dict[str, Any]]:
    """Answers the question about this supplier: advice, record fields or a follow-up topic."""
    language = turn.language
    topic = topic_for(pending)
    kind = "supplier_record" if pending == RECORD else "supplier_topic" if topic else "supplier_advice"
    access.audit(object_session(supplier), tracker, kind, supplier)
    if pending == RECORD:
        send(dispatcher, record_messages(supplier, fields, language))
    elif topic:
        dispatcher.utter_message(response="utter_topic_for_supplier", supplier=supplier.name)
        advice = advise_supplier(supplier)
        messages = render.supplier_topic_messages(advice, topic, language)
        send(dispatcher, with_other_parts(messages, advice, language, turn.text))
    elif pending == FULL_ADVICE:
        part = turn.advice_part or (turn.aspect[1] if turn.aspect else None)
        send(dispatcher, render.full_advice_messages(advise_supplier(supplier), language, part))
    else:  # short advice first; each part and the full text are a button away
        send(dispatcher, short_advice_messages(advise_supplier(supplier), language))
    return [*focus_events(tracker, supplier.id, supplier.name), SlotSet("pending_intent", None)]


def with_other_parts(messages: List[Any], advice: Any, language: str, clicked: str) -> List[Any]:
    """A part asked for with a button of the short advice ends with the buttons of the other parts, so the
    widget (which keeps only the newest buttons) still offers them. Typed follow-ups stay as they are."""
    others = [b for b in short_advice_buttons(advice, language) if b["payload"] != clicked]
    if not messages or len(others) == len(short_advice_buttons(advice, language)):
        return messages
    *rest, (last, values) = messages
    return [*rest, (last, {**values, "buttons": others})]


def ask_which(dispatcher: CollectingDispatcher, turn: Turn, session: Any, pending: str) -> None:
    """Asks which supplier; offers the company's suppliers in the country or with the risk just mentioned."""
    country = next(iter(turn.countries), None)
    risk = next(iter(turn.risks), None)
    buttons: List[Dict[str, str]] = []
    if country or risk:
        found = repository.suppliers_where(session, country, risk, limit=5)
        buttons = supplier_buttons(as_candidates(found), turn.language, pending)
    dispatcher.utter_message(response="utter_ask_supplier", buttons=buttons)


def _as_typed(text: str) -> str:
    """A reply typed as a name, at most 80 characters (components/message_focus.py already left out markup)."""
    return text.strip()[:80]


def offer_described(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """A description that fits several suppliers ("the coffee one"): which of them, as buttons."""
    if not access.allowed(dispatcher, tracker, turn.language, turn.question):
        return []
    pending = pending_question(turn.question, turn.text)
    dispatcher.utter_message(
        response="utter_ask_supplier", buttons=supplier_buttons(list(turn.described), turn.language, pending)
    )
    return [SlotSet("pending_intent", pending)]


def what_next(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """A bare answer with nothing to continue: "what would you like to know?"."""
    dispatcher.utter_message(response="utter_ask_what_next")
    return []


def supplier_question(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """A question about one supplier: the one named, else the one in focus, else it asks which (the question
    waits in `pending_intent` and is answered when the user names one)."""
    text = turn.text
    named = list(turn.supplier_names())
    if turn.question in NAME_ANSWERS and not named and turn.asked == "supplier":
        named = [_as_typed(text)]  # the answer to "which supplier?" is the name, whatever it looks like
    if not access.allowed(dispatcher, tracker, turn.language, turn.question):
        return [SlotSet("pending_intent", None)]
    waiting = turn.pending
    pending = waiting if turn.question in ANSWERS and waiting else pending_question(turn.question, text)
    fields = list(tracker.get_slot("record_fields") or [])
    if turn.question == RECORD and not turn.payload:
        fields = list(turn.fields)
    events: List[Dict[str, Any]] = [SlotSet("pending_intent", pending), SlotSet("record_fields", fields)]
    try:
        with records(dispatcher) as session:
            if named:
                return events + _named(dispatcher, tracker, turn, session, named[0], pending, fields)
            if turn.focus is not None and (pending != ADVICE or not _ANOTHER_SUPPLIER.search(fold(text))):
                supplier = repository.get_supplier(session, turn.focus)
                if supplier is not None:
                    return events + answer_events(dispatcher, tracker, turn, supplier, pending, fields)
            ask_which(dispatcher, turn, session, pending)
    except RecordsUnavailable:
        return []
    return events


def _named(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    turn: Turn,
    session: Any,
    name: str,
    pending: str,
    fields: List[str],
) -> List[Dict[str, Any]]:
    candidates = find_suppliers(session, name[:200], limit=5)
    chosen = choose(candidates, name)
    if chosen:
        supplier = repository.get_supplier(session, chosen.supplier_id)
        return answer_events(dispatcher, tracker, turn, supplier, pending, fields)
    fitting = [c for c in candidates if spells(name, c.name)]
    if fitting:  # "the coffee one": several fit
        dispatcher.utter_message(
            response="utter_did_you_mean", buttons=supplier_buttons(fitting, turn.language, pending)
        )
        return []
    near = near_names(session, name, candidates)
    if near:  # a look-alike name: asked about, nothing of the record shown until the user confirms
        dispatcher.utter_message(
            response="utter_near_name",
            name=safe_echo(name),
            near=say(turn.language, "or_join").join(c.name for c in near[:2]),
            buttons=supplier_buttons(near, turn.language, pending),
        )
    else:
        dispatcher.utter_message(response="utter_supplier_not_found", name=safe_echo(name))
    return []


def brief_answer(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """ "riverbank, in two lines?": the most urgent risk and this week's step for the supplier meant."""
    if not access.allowed(dispatcher, tracker, turn.language, ADVICE):
        return []
    try:
        with records(dispatcher) as session:
            supplier = meant_supplier(session, turn)
            if supplier is None:
                return supplier_question(dispatcher, tracker, turn.as_question(ADVICE))
            access.audit(session, tracker, "supplier_advice", supplier)
            send(dispatcher, brief_messages(advise_supplier(supplier), turn.language))
            return focus_events(tracker, supplier.id, supplier.name)
    except RecordsUnavailable:
        return []
