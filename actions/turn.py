"""A message, read once: everything it says and what the conversation gives it.

`read_turn` builds one immutable `Turn` from the tracker; `actions/decide.py` chooses the answer from it
and the answer functions read it instead of the tracker's parse data. Nothing here changes the tracker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Callable, ContextManager, Dict, Optional, Tuple

from rasa_sdk import Tracker
from sqlalchemy import select

from actions.advice.advice import agreements_asked, sector_in_text
from actions.advice.case import situation_in
from actions.advice.indirect import seed_topic_in
from actions.advice.record import fields_asked
from actions.advice.short_advice import FULL_ADVICE, SOURCES
from actions.asked import last_question, last_turn_responses, offered_suppliers, route_just_given
from actions.language import asks_which_of_them, fold, language_code, own_words, refers_back, requested_language
from actions.parse_keys import FULL_TEXT, too_long
from actions.records.models import Supplier
from actions.records.supplier_descriptions import (
    described_elsewhere,
    described_suppliers,
    refers_by_description,
    signed_by,
    wants_two,
)
from actions.records.supplier_filters import ListQuery, asks_over_the_list, places_in, read_list_query
from actions.records.supplier_lookup import Candidate
from actions.reference.catalogue import countries_in_text

ADVICE = "ask_supplier_advice"
RECORD = "ask_supplier_record"
# Intents that say little of their own: what the message names decides ("riverbank?", "en daar?").
GENERIC = frozenset({"inform", "affirm", "deny", "nlu_fallback", "out_of_scope", "greet", "thank", "goodbye"})
UNSURE_BELOW = 0.6  # an intent guess below this confidence gives way to what the message names

# Short follow-ups that name one aspect of the advice ("sources?", "notice period?", "en de kosten?"),
# and the question they ask about the supplier in focus. The first match wins.
_ASPECTS: Tuple[Tuple[str, str, Optional[str]], ...] = (
    (
        r"\b(sources?|bronn?e?n?|references?|referenties|official (page|publication)|waar staat dat|"
        r"waar baseer je|waarop baseer je|based on what|what is (this|that) based on|where does (this|that) come from)\b",
        FULL_ADVICE,
        SOURCES,
    ),
    (
        r"\b(notice( period)?|opzeg\w*|exit\w*|disengag\w*|stop(pen)? (met|buying|working)|afscheid|beeindig\w*|uitstappen|"
        r"switch (to )?(an?other|a different|a new|an? \w+) (supplier|maker|manufacturer|producer|factory)|"
        r"overstappen|andere leverancier zoeken|terminat\w*|end the relationship|cut ties|walk away)\b",
        "ask_disengagement",
        None,
    ),
    (
        r"\b(leverage|invloed|hefboom|do nothing|niets doen|whats the point|any point|heeft het (dan )?(wel )?zin)\b",
        "ask_leverage",
        None,
    ),
    (
        r"\b(call it a day|is that enough|is dat genoeg|is that sufficient|volstaat dat|enough\?|genoeg\?|"
        r"dekt dat|does(n't| not)? that cover|covers? (it|this|that))",
        "ask_is_enough",
        None,
    ),
    (r"\b(certs?|certif\w*|keurmerk\w*|schemes?|labels?|initiatives?|initiatie\w*)\b", "ask_certification", None),
    (r"\b(costs?|kosten|budget|price of|geld kost)\b", "ask_costs", None),
    (r"\b(unions?|vakbond\w*|organise|organize|organiseren)\b", "ask_union_restrictions", None),
    (
        r"\b(partners?|ngos?|ngo's|samenwerk\w*|alleen doen|on our own|by ourselves|go it alone|work together)\b",
        "ask_collaboration",
        None,
    ),
    (
        r"\b(talk to|praten met|met wie moet|who should we (talk|speak) to|stakeholders?|locals|lokale bevolking|"
        r"de arbeiders zelf|the workers themselves|outside the company)\b",
        "ask_stakeholders",
        None,
    ),
    (r"\b(first step|eerste stap|priorit\w*|most urgent|urgentste)\b", "ask_prioritisation", None),
)
_ASPECT_PATTERNS = tuple((re.compile(p), q, part) for p, q, part in _ASPECTS)
SHORT_WORDS = 10  # an aspect decides only in a short follow-up; a long message says more than one word
# "maak een actieplan voor lahore surgical", "draft an action plan for them": a plan to be drafted, not a question
# about how plans work.
# "de voetballen", "the denim", "die rozen bedoel ik": a short reference by product, answered when one supplier fits
_SHORT_REFERENCE = re.compile(
    r"^\W*(?:no,? |nee,? |i mean |ik bedoel |and |en |or |of )?(the|de|die|dat|het|that)\s+\w+(\s+\w+){0,3}\W*$"
)
# Words that ask for a judgement, not a record field: "we're 38% of their revenue, so we can just demand it?",
# "Kivu: tier 3, no audit date. Why are we still sourcing this?"
_EVALUATES = re.compile(
    r"\b(why|waarom|should (i|we)|moeten we|can we|kunnen we|what (do|can|should) we do|wat (moeten|kunnen) we|"
    r"worry|zorgen|enough|genoeg|push|demand|eisen|pressure|druk zetten|realistic\w*|realistisch|change anything|"
    r"verschil maken|a lot|decent|what does that mean|wat betekent dat|still sourcing|de moeite|any point|"
    r"heeft het (dan )?(wel |nog )?zin|what do we do|wat doen we)\b"
)
_LEVERAGE_ASKED = re.compile(
    r"\b(leverage|invloed|push|demand|eisen|pressure|druk|change anything|verschil maken|a lot|decent|enough|genoeg|"
    r"clout|worry|zorgen|any point|heeft het (dan )?(wel |nog )?zin|de moeite)\b"
)
_LEVERAGE_FIELDS = frozenset({"share", "years", "tier", "spend"})
# "switch to a european panel maker" is no language switch
_LANGUAGE_NAMED = re.compile(r"\b(english|engels|dutch|nederlands|nl|en|language|taal|vlaams)\b")
_SHOW_PLAN = re.compile(
    r"\b(show|see|view|open|display|laat|toon|bekijk|geef)\b.{0,25}\b(action ?plan|plan|actieplan)\b"
    r"|\b(plan|actieplan)\b.{0,20}\b(zien|tonen|as it stands|so far|tot nu toe)\b"
)
_AGAIN = re.compile(
    r"\b(that|this|it|again|repeat|say|give me|list|answer|translate|dat|dit|die|deze|nog eens|herhaal|zeggen|"
    r"geven|lijst|antwoord|vertaal)\b"
)
_QUESTION_WORD = re.compile(
    r"\b(what|how|why|when|who|which|can|could|should|does|do|is|are|wat|hoe|waarom|wanneer|wie|welke|kan|kunnen|moet|moeten)\b"
)
# "in two lines?", "short version please", "kort graag": the answer first and nothing more
_BRIEF = re.compile(
    r"\b(in (?:two|2|one|1|a few|twee|een|één|een paar) (?:lines?|sentences?|regels?|zinnen|zin|words?|woorden)|"
    r"short version|shorter|tl;?dr|in short|briefly|in a nutshell|kort(?:weg)? (?:graag|samengevat|alsjeblieft|aub)|"
    r"korter|samengevat|in het kort|de korte versie)\b"
)
_STEP3 = re.compile(r"\b(step|stap) ?(3|three|drie)\b")
LIST_REPLIES = frozenset({"utter_supplier_list", "utter_rank_suppliers", "utter_supplier_list_none"})
_NARROWING = re.compile(r"\b(which|welke|wie|who|where|waar|none of|geen van|how many|hoeveel)\b")
_PLAN_REQUEST = re.compile(
    r"^\W*(?:(?:please|pls|can you|could you|kun je|kan je|wil je|graag)\s+)?"
    r"(?:make|draft|create|write|set up|prepare|maak|stel|schrijf)\b.{0,30}\b(?:action ?plan|plan|actieplan)\b"
)


@dataclass(frozen=True)
class Turn:
    """One user message with what it names and what the conversation gives it."""

    text: str
    intent: str
    confidence: float
    ranking: Tuple[Tuple[str, float], ...]
    language: str
    named: Tuple[str, ...]  # suppliers in the records the message names (matched by the NLU pipeline)
    named_ids: Tuple[int, ...]  # their ids, where the pipeline was certain
    guessed: Tuple[str, ...]  # names that look like a supplier's but match none in the records
    described: Tuple[Candidate, ...]  # suppliers a description fits when it fits several ("the coffee one")
    countries: Tuple[str, ...]
    risks: Tuple[str, ...]
    funding: Optional[str]
    sector: Optional[str]
    fields: Tuple[str, ...]  # record fields asked about ("contact", "last_audit")
    advice_part: Optional[str]
    aspect: Optional[Tuple[str, Optional[str]]]  # (question, advice part) of a short follow-up
    agreement: bool  # names a Dutch sector agreement (its status is asked)
    asked: Optional[str]  # what the bot's last turn asked for (actions/asked.py)
    route_given: bool  # the bot's last turn gave the NCP route
    last_responses: Tuple[str, ...]  # the response keys of the bot's last turn
    focus: Optional[int]  # the supplier being discussed
    recent: Tuple[int, ...]  # suppliers discussed lately, most recent last
    pending: Optional[str]  # the question that waits for "which supplier?"
    too_long: Optional[Dict[str, int]]
    question: str  # the question the answer treats the message as (the intent unless the table says otherwise)
    typed: Tuple[str, ...] = ()  # each named supplier as the user typed it ("garment factory")
    offered: Tuple[str, ...] = ()  # suppliers the bot's last turn offered as buttons ("which one do you mean?")
    full_text: str = ""  # a long paste as typed; `text` is then its closing question (components/message_focus.py)
    places: Tuple[str, ...] = ()  # cities of the records named in a question over the list ("in Sialkot")

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def payload(self) -> bool:
        """A button click ("/ask_leverage{...}"): its intent is certain."""
        return self.text.startswith("/")

    @property
    def countries_named(self) -> Tuple[str, ...]:
        """The countries found by the pipeline, else one typed in the text by name or adjective ("het Turkse NCP")."""
        if self.countries:
            return tuple(dict.fromkeys(self.countries))
        return countries_in_text(self.text[:300])

    @property
    def asks_for_a_plan(self) -> bool:
        return bool(_PLAN_REQUEST.search(self.folded))

    @cached_property  # read once: several rows of the table ask for it
    def list_query(self) -> ListQuery:
        """The filters and order of a question over the list (the schemes named are read with the records)."""
        return read_list_query(self.text, self.countries_named, self.risks, places=self.places)

    @cached_property
    def situation(self) -> Optional[str]:
        """The case the message describes (own operations, purchasing, a hard case, an exit), if any."""
        return situation_in(self.text)

    @cached_property
    def seed_topic(self) -> Optional[str]:
        """A topic of the guidance named in other words ("we're a minnow, any point?"), if any."""
        return seed_topic_in(self.text)

    @property
    def over_the_list(self) -> bool:
        """Asks about several suppliers picked out by what they have in common ("which of our suppliers were
        never audited?", "welke Bengaalse leveranciers hebben we?")."""
        if self.named or self.payload:
            return False
        if asks_over_the_list(self.text) or self.continues_list:
            return True
        query = self.list_query  # "of those, which are tier 1?", "none of them audited?"
        follows = bool(_NARROWING.search(self.folded)) or self.follows_list
        return query.refines and bool(query.filters or query.order) and follows

    @property
    def follows_list(self) -> bool:
        return any(r in LIST_REPLIES for r in self.last_responses)

    @property
    def continues_list(self) -> bool:
        """ "and in Cuba?", "en de laagste?", "sorteer die op ons aandeel" right after a list: the same question,
        changed."""
        longest = 10 if _SORT.search(self.folded) else 6
        if not self.follows_list or self.named or len(self.folded.split()) > longest:
            return False
        query = self.list_query
        return bool(query.countries or query.sectors or query.risks or query.order or query.ascending)

    @property
    def new_question(self) -> bool:
        """A question of its own, not a short answer to the bot's ("At what point are we obliged to terminate?")."""
        words = len(self.folded.split())
        if words <= 4:
            return False
        return self.text.rstrip().endswith("?") or (words > 8 and bool(_QUESTION_WORD.search(self.folded)))

    @property
    def could_be_a_name(self) -> bool:
        """Short, asks nothing and names no record field: may be a supplier's name as typed."""
        if re.search(r"\b(called|named|heet|heten|genaamd|name is|naam is)\b", self.folded):
            return True  # "or is it called vd berg stoffen"
        words = len(self.folded.split())
        asks = bool(_QUESTION_WORD.search(self.folded)) or ("?" in self.text and words > 2)
        return words <= 5 and not self.fields and not asks

    @property
    def pasted(self) -> bool:
        """A pasted e-mail or audit summary: several lines, or a long text."""
        whole = self.full_text or self.text
        return len([line for line in whole.splitlines() if line.strip()]) >= 3 or len(whole.split()) > 60

    @property
    def evaluative(self) -> bool:
        return evaluates(self.text)

    @property
    def unsure(self) -> bool:
        if self.payload:
            return False
        implausible = self.intent == "switch_language" and not _LANGUAGE_NAMED.search(self.folded)
        return self.intent in GENERIC or self.confidence < UNSURE_BELOW or implausible

    @property
    def asks_again_in_a_language(self) -> bool:
        """ "kun je dat in het Nederlands zeggen?", "can you give me that list in English": the last answer again."""
        return (
            bool(requested_language(self.text)) and len(self.folded.split()) <= 12 and bool(_AGAIN.search(self.folded))
        )

    @property
    def asks_to_see_a_plan(self) -> bool:
        return bool(_SHOW_PLAN.search(self.folded))

    @property
    def brief(self) -> bool:
        return bool(_BRIEF.search(self.folded))

    @property
    def asks_what_step3_is(self) -> bool:
        return bool(_STEP3.search(self.folded))

    @property
    def refers_back(self) -> bool:
        return refers_back(self.text)

    @property
    def which_of_them(self) -> bool:
        """Asks to choose between the suppliers just discussed ("which of the two first?")."""
        return len(self.recent) >= 2 and asks_which_of_them(self.text)

    def names(self, include_guesses: bool = False) -> Tuple[str, ...]:
        return self.named + self.guessed if include_guesses else self.named

    def supplier_names(self) -> Tuple[str, ...]:
        """Supplier names the answer should look up. A guessed name counts only where a name is expected: a
        supplier question with none in focus, or the answer to "which supplier?" ("whos the contact there?" is
        about the supplier in focus, not one called "whos")."""
        expects_name = (
            self.question in (ADVICE, FULL_ADVICE, RECORD) and self.focus is None
        ) or self.asked == "supplier"
        return self.names(include_guesses=expects_name)

    def as_question(self, question: str) -> Turn:
        """The same message, answered as `question` (the table decided what it asks)."""
        return replace(self, question=question)


_SORT = re.compile(r"\b(sort|sorted|order (them|those|these|it)|rank|sorteer\w*|orden\w*|rangschik\w*)\b")
# "the other sialkot one, the surgical stuff", "die andere, de chirurgische instrumenten"
_THE_OTHER = re.compile(r"\b(the other|that other|die andere|de andere|het andere)\b")


def _typed_names(turn: Turn) -> Tuple[str, ...]:
    return turn.typed if len(turn.typed) == len(turn.named) else turn.named


def with_descriptions(turn: Turn, sessions: Callable[[], ContextManager[Any]]) -> Turn:
    """A supplier referred to by what people remember ("the cocoa guys in ghana") counts as named when exactly
    one fits, and as the two named when the message asks for two ("compare our two rose suppliers"); when
    several fit they are kept to offer. Also: a city in a question over the list ("in sialkot") is a place, not a
    name; "the other one, the surgical stuff" is not the supplier in focus; "compare both" means the two the bot
    just offered; a paste is about the supplier whose contact person signed it. The records are read only for a
    message that needs them."""
    whole = turn.full_text or turn.text
    if asks_over_the_list(turn.text) and not turn.payload:  # "which suppliers are in sialkot?", "… there?"
        with sessions() as session:
            places = places_in(whole, session.execute(select(Supplier.city).distinct()).scalars())
        if places:  # the city is no supplier's name ("sialkot" also matched Sialkot Sports Gear)
            folded_places = {fold(place) for place in places}
            kept = [(n, t) for n, t in zip(turn.named, _typed_names(turn), strict=True) if fold(t) not in folded_places]
            named, typed = tuple(n for n, _ in kept), tuple(t for _, t in kept)
            turn = replace(turn, places=places, named=named, typed=typed, named_ids=())
    countries = turn.countries_named
    if turn.named and countries and not turn.payload:
        with sessions() as session:  # "our garment factory in bangladesh" is no Phnom Penh Garment Factory
            pairs = zip(turn.named, _typed_names(turn), strict=True)
            kept = [(n, t) for n, t in pairs if not described_elsewhere(session, n, t, countries)]
        if len(kept) < len(turn.named):
            turn = replace(turn, named=tuple(n for n, _ in kept), typed=tuple(t for _, t in kept), named_ids=())
    if _THE_OTHER.search(turn.folded) and not turn.payload:
        with sessions() as session:  # "the other sialkot one, the surgical stuff": not the Sialkot one named
            found = described_suppliers(session, turn.text, turn.countries_named, 1)
        others = [c for c in found if c.name not in turn.named and c.supplier_id != turn.focus]
        if len(others) == 1:
            return replace(turn, named=(others[0].name,), typed=(), named_ids=(), guessed=())
    if not turn.named and len(turn.offered) == 2 and (wants_two(turn.text) or asks_which_of_them(turn.text)):
        return replace(turn, named=turn.offered, guessed=())  # "compare both" after "which of these two?"
    if len(turn.named) == 1 and wants_two(turn.text) and refers_by_description(turn.text):
        with sessions() as session:  # "compare our two rose suppliers": "rose" also matched Quito Rose Farms
            found = [c.name for c in described_suppliers(session, turn.text, turn.countries_named, 2)]
        if len(found) == 2 and turn.named[0] in found:
            return replace(turn, named=tuple(found), typed=(), named_ids=(), guessed=())
    if turn.named or turn.payload or turn.intent == "ask_supplier_list" or turn.over_the_list:
        return turn  # a list question lists them
    if turn.pasted:  # an e-mail signed by a supplier's contact person ("Regards, F. Akter") is about that supplier
        with sessions() as session:
            signed = signed_by(session, turn.full_text or turn.text)
        if len(signed) == 1:
            return replace(turn, named=(signed[0].name,), guessed=())
    if not (refers_by_description(turn.text) or _SHORT_REFERENCE.match(turn.folded)):
        return turn
    with sessions() as session:
        found = described_suppliers(session, turn.text, turn.countries_named, 2 if wants_two(turn.text) else 1)
    if not refers_by_description(turn.text):  # "de voetballen": only when it says which one
        return replace(turn, named=(found[0].name,), guessed=()) if len(found) == 1 else turn
    if len(found) == 1 or (len(found) == 2 and wants_two(turn.text)):
        return replace(turn, named=tuple(c.name for c in found), guessed=())
    return replace(turn, described=tuple(found[:5])) if found else turn


def evaluates(text: str) -> bool:
    """Asks for a judgement ("should I worry?", "can we push them?"), also where it states record facts."""
    return bool(_EVALUATES.search(fold(own_words(text))))


def _fields_and_aspect(text: str) -> Tuple[Tuple[str, ...], Optional[Tuple[str, Optional[str]]]]:
    """The record fields a message asks for and the aspect it asks about. Facts stated to ask a judgement are no
    field question: "we're 20% of their business, should I worry?" asks about leverage."""
    own = own_words(text)
    fields = tuple(fields_asked(own))
    aspect = aspect_in(own)
    if fields and evaluates(own):
        if set(fields) <= _LEVERAGE_FIELDS and _LEVERAGE_ASKED.search(fold(own)):
            aspect = ("ask_leverage", None)
        fields = ()
    return fields, aspect


def aspect_in(text: str) -> Optional[Tuple[str, Optional[str]]]:
    """The aspect a short follow-up asks about, if any."""
    folded = fold(text)
    if len(folded.split()) > SHORT_WORDS:
        return None
    return next(((q, part) for pattern, q, part in _ASPECT_PATTERNS if pattern.search(folded)), None)


def _entities(parse: Dict[str, Any], kind: str) -> Tuple[Any, ...]:
    return tuple(e.get("value") for e in parse.get("entities", []) if e.get("entity") == kind and e.get("value"))


def previous_message(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The parse data of the user's message before this one, if any."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    return (users[-2].get("parse_data") or None) if len(users) >= 2 else None


_HAS_WORDS = re.compile(r"[^\W_]")  # a letter or digit in any script


def read_turn(tracker: Tracker, parse: Optional[Dict[str, Any]] = None) -> Turn:
    """The turn of the latest message, or of `parse` (an earlier message asked again: "say that in Dutch")."""
    parse = (tracker.latest_message or {}) if parse is None else parse
    text = str(parse.get("text") or "")
    intent = (parse.get("intent") or {}).get("name") or "nlu_fallback"
    payload = text.startswith("/")  # a button: the fields asked stay those of the question it answers
    ranking = tuple((r.get("name"), float(r.get("confidence") or 0)) for r in parse.get("intent_ranking") or [])
    confidence = float((parse.get("intent") or {}).get("confidence", 1.0) or 0.0)
    if not _HAS_WORDS.search(text):  # "🙂🙂🔥", "???": nothing to read, whatever a model makes of it
        intent, confidence, ranking = "nlu_fallback", 0.0, ()
    suppliers = [e for e in parse.get("entities", []) if e.get("entity") == "supplier" and e.get("value")]
    known = {str(e["value"]): _typed(text, e) for e in suppliers if not e.get("unknown_name")}
    focus = tracker.get_slot("supplier_id") if tracker.get_slot("supplier_in_focus") else None
    ended, current = agreements_asked(text)
    asked = _fields_and_aspect(text)
    return Turn(
        text=text,
        intent=intent,
        confidence=confidence,
        ranking=ranking,
        language=language_code(tracker.get_slot("language")),
        named=tuple(known),
        named_ids=tuple(int(e["supplier_id"]) for e in suppliers if str(e.get("supplier_id", "")).isdigit()),
        guessed=tuple(dict.fromkeys(str(e["value"]) for e in suppliers if e.get("unknown_name"))),
        described=(),
        countries=_entities(parse, "country"),
        risks=_entities(parse, "risk_type"),
        funding=next(iter(_entities(parse, "funding_type")), None),
        sector=sector_in_text(text) or None,
        fields=tuple(tracker.get_slot("record_fields") or ()) if payload else asked[0],
        advice_part=next(iter(_entities(parse, "advice_part")), None),
        aspect=None if payload else asked[1],
        agreement=bool(ended or current),
        asked=last_question(tracker),
        route_given=route_just_given(tracker),
        last_responses=tuple(last_turn_responses(tracker)),
        focus=int(focus) if focus is not None else None,
        recent=tuple(int(r) for r in (tracker.get_slot("recent_suppliers") or []) if str(r).isdigit()),
        pending=tracker.get_slot("pending_intent"),
        too_long=too_long(parse),
        question=intent,
        typed=tuple(known.values()),
        offered=offered_suppliers(tracker),
        full_text=str(parse.get(FULL_TEXT) or ""),
    )


def _typed(text: str, entity: Dict[str, Any]) -> str:
    """The words the user typed for a supplier entity (its value when the pipeline gave no offsets)."""
    start, end = entity.get("start"), entity.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return text[start:end]
    return str(entity["value"])
