"""What the rest of the pipeline should read of a real message.

- A request for the other language inside a task ("give me three things I can do this
  week, in het Nederlands graag") is taken out of the text and kept as
  `language_request`, so the task is understood and the language switched.
- HTML tags in a paste are left out.
- A long paste (an audit summary with the question at the end) is read as its closing
  question, followed by the countries and risks the paste names; the whole text stays
  available as `full_text` (the supplier matcher reads it for supplier names).
- A message over MAX_MESSAGE_CHARS is not interpreted: `MessageLimit`, at the end of
  the pipeline, turns it into a low-confidence message with `message_too_long`, and
  the clarifying answer asks for a shorter one, naming the limit.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.language import fold, language_request_span
from actions.parse_keys import FULL_TEXT, LANGUAGE_REQUEST, MAX_MESSAGE_CHARS, TOO_LONG
from actions.reference import catalogue
from components.stored import Stateless

LONG_MESSAGE_CHARS = 350
FOCUS_CHARS = 300
_MARKUP = re.compile(r"<[^<>]{0,200}>")  # pasted HTML tags say nothing about the question
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")  # also after a closing quote


def closing_question(text: str) -> str:
    """The end of a long text, from its last question (or its last sentence when it asks none)."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]
    if not sentences:
        return text[-FOCUS_CHARS:]
    tail = sentences[-3:]
    questions = [i for i, s in enumerate(tail) if "?" in s]
    start = questions[-1] if questions and "?" not in tail[-1] else len(tail) - 1
    return " ".join(tail[start:])[:FOCUS_CHARS]


def named_terms(text: str) -> List[str]:
    """Countries, risks and funding types a text names, in English (for the entity extractors)."""
    folded = f" {re.sub(r'[^a-z0-9]+', ' ', fold(text))} "
    found: Dict[str, str] = {}
    funding = {t.code: t.name_en for t in catalogue.funding_types()}
    for index, name_of in (
        (catalogue.risk_index(), lambda code: catalogue.risk_type(code).name_en),
        (catalogue.country_index(), lambda code: catalogue.country_name(code, "en")),
        (catalogue.funding_index(), lambda code: funding[code]),
    ):
        for name, code in index.items():
            key = re.sub(r"[^a-z0-9]+", " ", name).strip()
            if len(key) > 3 and f" {key} " in folded and code not in found:
                found[code] = name_of(code)
    return list(found.values())


def focus(text: str) -> Dict[str, Any]:
    """The text to interpret and what was set aside."""
    result: Dict[str, Any] = {"text": _MARKUP.sub(" ", text).strip() or text}
    if len(text) > MAX_MESSAGE_CHARS:
        result[TOO_LONG] = {"chars": len(text), "limit": MAX_MESSAGE_CHARS}
    span = language_request_span(result["text"])
    if span is not None:
        rest = (result["text"][: span[0]] + " " + result["text"][span[1] :]).strip(" ,;:-")
        if len(rest.split()) >= 3:
            result["text"], result[LANGUAGE_REQUEST] = rest, span[2]
    if len(result["text"]) > LONG_MESSAGE_CHARS:
        result[FULL_TEXT] = result["text"]
        terms = named_terms(result["text"])
        question = closing_question(result["text"])
        result["text"] = question + (" (" + "; ".join(terms) + ")" if terms else "")
    return result


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class MessageFocus(Stateless):
    """First in the pipeline (before the tokenizer)."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # examples are short and single-language already

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get("text") or ""
            if text.startswith("/"):
                continue  # button payloads
            found = focus(text)
            if found["text"] != text:
                message.set("text", found["text"])
            for key in (FULL_TEXT, LANGUAGE_REQUEST, TOO_LONG):
                if key in found:
                    message.set(key, found[key], add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class MessageLimit(Stateless):
    """Last in the pipeline: a message over the limit is not interpreted."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if message.get(TOO_LONG):
                fallback = {"name": "nlu_fallback", "confidence": 1.0}
                message.set("intent", fallback, add_to_output=True)
                message.set("intent_ranking", [fallback], add_to_output=True)
                message.set("entities", [], add_to_output=True)
        return messages
