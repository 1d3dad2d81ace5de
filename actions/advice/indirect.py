"""The seed's core messages asked in other words ("we're a minnow, is there any point?", "talk to the locals?",
"no real union there", "indigenous land", "is there a government help desk?", "bronnen?"): the words that name
the topic whatever the intent guess. Plain data; the answers are the general topics (actions/advice/topics.py)
or the responses in RESPONSES (domain/guidance.yml)."""

from __future__ import annotations

import re
from typing import Optional

from actions.language import fold

_CUES = (
    (
        "ask_step3_overview",
        r"(?:nieuw|new) (?:bij|in|to|here|hier)\b.{0,60}(?:wat moet ik|what (?:do|should) i)|"
        r"(?:wat moet(?:en)? (?:ik|we) doen|what (?:do|should) (?:i|we) do) (?:als|if|when) (?:een|a) (?:leverancier|supplier)",
    ),
    (
        "ask_disengagement",
        r"laten vallen|drop (?:the |a |this |that )?(?:suppliers?|them)|cut (?:them off|ties)|"
        r"(?:end|terminate|stop) (?:the|our) relationship|relatie (?:beeindig\w*|stoppen|verbreken)|"
        r"beeindig\w* (?:van )?de (?:relatie|samenwerking)|afscheid nemen|last resort|laatste redmiddel|"
        r"(?:about|over) (?:beeindig\w*|ending (?:it|the relationship)|exit\w*|terminat\w*|disengag\w*)",
    ),
    (
        "ask_is_enough",
        r"call it a day|(?:certificate|label|audit|keurmerk|certificaat) (?:and|en) (?:be done|klaar)|"
        r"is (?:een|a) (?:certificaat|keurmerk|label|audit|certificate) (?:genoeg|voldoende|enough)|volstaat (?:een|dat)",
    ),
    (
        "ask_certification",
        r"(?:certif\w*|keurmerk\w*|labels?)\b.{0,30}(?:te maken|to do with|fit in)|"
        r"(?:what|wat)\b.{0,20}(?:certif\w*|keurmerk\w*)\b.{0,25}(?:step|stap) ?(?:3|drie|three)",
    ),
    (
        "ask_leverage",
        r"minnow|small fish|tiny (?:customer|buyer|client)|(?:only|just) a small (?:customer|buyer|client|player)|"
        r"too small to (?:matter|make|change)|(?:any|what'?s the|whats the) point|make (?:any|a|no) difference|"
        r"kleine (?:klant|afnemer|speler|vis)|te klein om|heeft (?:het|dat) (?:dan |wel |nog )*zin|"
        r"maakt (?:het|dat) (?:toch )?(?:wel |enig )?(?:uit|verschil)|(?:geen|weinig) verschil",
    ),
    (
        "ask_stakeholders",
        r"(?:the |to |with )locals|local (?:people|community|communities|villagers|residents)|villagers|"
        r"lokale (?:bevolking|gemeenschap\w*|mensen|bewoners)|omwonenden|dorpelingen|"
        r"affected (?:people|communities|workers)|getroffen(?:en| mensen| gemeenschappen)",
    ),
    (
        "ask_union_restrictions",
        r"no (?:real|independent|free|proper) unions?|(?:geen|niet echt een) (?:echte |onafhankelijke |vrije )?vakbond|"
        r"worker voice|workers'? voice|(?:workers|they) (?:get|have) a (?:voice|say)|"
        r"stem van (?:de )?werknemers|werknemers (?:een|hun) stem|inspraak van (?:de )?werknemers|"
        r"only (?:a )?(?:state|government|party)[- ](?:controlled |run )?unions?|staatsvakbond",
    ),
    ("indigenous_peoples", r"indigenous|inheems\w*|fpic|first nations|tribal|adat|native (?:land|communit\w*)"),
    (
        "help_desk",
        r"help ?desk|helpdesk|steunpunt|(?:government|overheid\w*) (?:help|support|advice|advies|hulp)|"
        r"where can (?:we|i) (?:get|find) (?:help|advice|support)|waar kan (?:ik|je|we|men) (?:terecht|hulp|advies)|"
        r"hulp van de overheid|can the government help|kan de overheid (?:ons |me )?helpen",
    ),
)
_PATTERNS = tuple((topic, re.compile(rf"\b(?:{cue})")) for topic, cue in _CUES)
RESPONSES = {"indigenous_peoples": "utter_indigenous_peoples", "help_desk": "utter_help_desk"}
LONGEST = 30  # words: a longer message says more than one of these topics


def seed_topic_in(text: str) -> Optional[str]:
    """The seed topic a short message names in other words, if any."""
    folded = fold(text or "")
    if len(folded.split()) > LONGEST:
        return None
    return next((topic for topic, pattern in _PATTERNS if pattern.search(folded)), None)
