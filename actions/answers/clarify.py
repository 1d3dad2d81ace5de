"""When the bot is not sure what was meant: the likeliest topics as buttons instead of "I didn't understand",
and a request to shorten a message over the size limit. (A message that names one of our suppliers is answered
for it: actions/decide.py.)"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.advice.wording import entry, say
from actions.answers.ncp import GENERAL as NCP_GENERAL
from actions.turn import ADVICE, Turn

MAX_OPTIONS = 3
MIN_CONFIDENCE = 0.05
NCP_TOPICS = frozenset(NCP_GENERAL)  # both answered by action_ncp_question


def likeliest_topics(turn: Turn) -> List[str]:
    """The two or three likeliest intents that have a topic to offer, most likely first."""
    titled = entry("topic_titles")
    found = [name for name, confidence in turn.ranking if name in titled and confidence >= MIN_CONFIDENCE]
    return list(dict.fromkeys(found))[:MAX_OPTIONS]


def about_an_unknown_supplier(turn: Turn) -> bool:
    """The likeliest intent is advice on a supplier, and the message has a name that is not in the records."""
    ranking = [name for name, _ in turn.ranking if name != "nlu_fallback"]
    return bool(turn.guessed) and bool(ranking) and ranking[0] == ADVICE


def ncp_likely(turn: Turn) -> bool:
    """Unsure only whether it is about the NCP or about government money: both have one answer."""
    topics = likeliest_topics(turn)
    return bool(topics) and set(topics[:2]) <= NCP_TOPICS


def too_long_answer(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    limit = turn.too_long or {}
    dispatcher.utter_message(response="utter_message_too_long", limit=limit.get("limit"), chars=limit.get("chars"))
    return []


def offer_topics(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> List[Dict[str, Any]]:
    """Not sure what was meant: the likeliest topics as buttons, or a request to rephrase."""
    topics = likeliest_topics(turn)
    if not topics:
        dispatcher.utter_message(response="utter_default")
        return []
    buttons = [{"title": say(turn.language, "topic_titles", t), "payload": f"/{t}"} for t in topics]
    dispatcher.utter_message(response="utter_clarify", buttons=buttons)
    return []
