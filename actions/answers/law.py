"""The law as it stands for this company, and the company's own contacts, from company.yml."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.advice.law import (
    MISCONCEPTIONS,
    VERDICTS,
    applicability,
    asks_yes_or_no,
    instruments_named,
    misconception_in,
)
from actions.advice.law_render import law_messages, law_values, profile_values
from actions.common import send
from actions.company import Company, company, stated_in
from actions.language import fold
from actions.turn import Turn


def law_applicability(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """ "Does the CSDDD apply to us?": the instruments the message names, or all of them."""
    recorded = company()
    profile = stated_in(turn.text, recorded)  # "we are about 180 people" counts for this answer
    verdicts = applicability(profile, instruments_named(turn.text))
    messages = law_messages(profile, verdicts, turn.language)
    if profile != recorded:
        stated = {"stated": profile_values(profile, turn.language), "recorded": profile_values(recorded, turn.language)}
        messages.insert(0, ("utter_law_stated_facts", {f"{k}_{f}": v for k, d in stated.items() for f, v in d.items()}))
    if len(verdicts) == 1 and asks_yes_or_no(turn.text):  # "does the FLR apply to us?": yes or no first
        messages.insert(0, (VERDICTS[verdicts[0].outcome], {}))
    send(dispatcher, messages)
    return []


def law_misconception(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """ "So we can skip supplier due diligence?", "the coop is tiny, so the EUDR gives us until 2027?": no, and why."""
    values = {**law_values(turn.language), **profile_values(company(), turn.language)}
    dispatcher.utter_message(response=MISCONCEPTIONS[misconception_in(turn.text)], **values)
    return []


_CODE_OF_CONDUCT = re.compile(r"\b(code of conduct|gedragscode|gedragsregels|coc|supplier code|leverancierscode)\b")
_OFFICER = re.compile(r"\b(csr|mvo|esg|officer|functionaris|manager|coordinator|verantwoordelijke|wie|who)\b")


def contact_messages(profile: Company, text: str) -> List[Tuple[str, Dict[str, Any]]]:
    """The CSR officer, the code of conduct, or both when the message does not say which."""
    folded = fold(text or "")
    wants_code = bool(_CODE_OF_CONDUCT.search(folded))
    wants_officer = bool(_OFFICER.search(folded))
    if not wants_code and not wants_officer:
        wants_code = wants_officer = True
    messages: List[Tuple[str, Dict[str, Any]]] = []
    if wants_officer:
        officer = profile.csr_officer
        reach = ", ".join(x for x in (officer.email, officer.phone) if x) if officer else ""
        if officer is None:
            messages.append(("utter_company_no_csr_officer", {}))
        elif reach:
            messages.append(("utter_company_csr_officer", {"name": officer.name, "reach": reach}))
        else:
            messages.append(("utter_company_csr_officer_name_only", {"name": officer.name}))
    if wants_code:
        if profile.code_of_conduct_url:
            messages.append(("utter_company_code_of_conduct", {"url": profile.code_of_conduct_url}))
        else:
            messages.append(("utter_company_no_code_of_conduct", {}))
    return messages


def company_contacts(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """ "Who is our CSR officer?" / "waar staat onze gedragscode?", from the company profile."""
    send(dispatcher, contact_messages(company(), tracker.latest_message.get("text") or ""))
    return []
