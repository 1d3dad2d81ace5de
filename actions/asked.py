"""What the bot asked in its last turn, read from the conversation itself.

Every question the bot asks is one of its responses; the response keys of the bot's
messages since the user's previous message tell what a bare answer ("vietnam", "yes",
"a subsidy", "Lotus Weaving") answers. No form holds the conversation: a user who asks
something else simply gets that answered, and the question that was open is dropped.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker

# A question's response key -> what the answer gives.
QUESTIONS = {
    "utter_ask_supplier": "supplier",
    "utter_supplier_not_found": "supplier",
    "utter_did_you_mean": "supplier",
    "utter_ask_country": "country",
    "utter_ask_company_country": "company_country",
    "utter_ask_harm_country": "harm_country",
    "utter_ask_government_money": "government_money",
    "utter_offer_ncp_route": "ncp_offer",
    "utter_plan_none": "plan_offer",
}
# After the route, a bare answer is a correction of the case ("no, it was a subsidy").
NCP_ROUTE = "utter_ncp_route"


def _last_turn_bot_events(tracker: Tracker) -> List[Dict[str, Any]]:
    """The bot's messages between the user's previous message and this one, latest first."""
    found: List[Dict[str, Any]] = []
    seen_current = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if seen_current:
                break
            seen_current = True
        elif kind == "bot" and seen_current:
            found.append(event)
    return found


def last_turn_responses(tracker: Tracker) -> List[str]:
    """The response keys of the bot's messages between the user's previous message and this one, latest first."""
    keys = ((event.get("metadata") or {}).get("utter_action") for event in _last_turn_bot_events(tracker))
    return [key for key in keys if key]


def offered_suppliers(tracker: Tracker) -> Tuple[str, ...]:
    """The suppliers the bot's last turn offered as buttons ("which of these do you mean?"), in their order."""
    names: List[str] = []
    for event in _last_turn_bot_events(tracker):
        for button in (event.get("data") or {}).get("buttons") or []:
            payload = str(button.get("payload") or "")
            _, brace, arguments = payload.partition("{")
            try:
                supplier = json.loads(brace + arguments).get("supplier") if brace else None
            except (ValueError, AttributeError):
                supplier = None
            if isinstance(supplier, str) and supplier not in names:
                names.append(supplier)
    return tuple(names)


def last_question(tracker: Tracker) -> Optional[str]:
    """What the bot's latest question in its last turn asked for ("country", "harm_country", …), if any."""
    return next((QUESTIONS[r] for r in last_turn_responses(tracker) if r in QUESTIONS), None)


def route_just_given(tracker: Tracker) -> bool:
    return NCP_ROUTE in last_turn_responses(tracker)
