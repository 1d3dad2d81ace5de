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
