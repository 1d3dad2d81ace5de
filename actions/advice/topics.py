"""The step-3 topics that have an answer for the supplier in focus: the one table.

A follow-up question such as "and certification?" after advice about a supplier
is answered with the parts of that supplier's advice listed here. Without a
supplier in focus the general answer is given. data/rules/topics.yml
has one rule per row and tests/test_topics.py fails when the rules, the domain's
responses and this table disagree (docs/add-a-topic.md: how to add one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Tuple


@dataclass(frozen=True)
class SupplierTopic:
    intent: str
    parts: Tuple[str, ...]  # parts of the supplier advice (render.supplier_messages or FOLLOW_UP_PARTS)
    general: str  # the general answer (domain/guidance.yml) when no supplier is in focus


SUPPLIER_TOPICS: Dict[str, SupplierTopic] = {
    topic.intent: topic
    for topic in (
        SupplierTopic("ask_action_plan", ("utter_supplier_this_week", "utter_supplier_risks"), "utter_action_plan"),
        SupplierTopic("ask_leverage", ("utter_supplier_leverage",), "utter_leverage"),
        SupplierTopic("ask_collaboration", ("utter_supplier_people",), "utter_collaboration"),
        SupplierTopic("ask_certification", ("utter_fitting_schemes", "utter_supplier_partners"), "utter_certification"),
        SupplierTopic("ask_responsibility", ("utter_supplier_people",), "utter_responsibility"),
        SupplierTopic("ask_stakeholders", ("utter_supplier_people",), "utter_stakeholders"),
        SupplierTopic("ask_disengagement", ("utter_supplier_disengagement",), "utter_disengagement"),
        SupplierTopic("ask_union_restrictions", ("utter_country_context",), "utter_union_restrictions"),
        SupplierTopic("ask_prioritisation", ("utter_supplier_risks",), "utter_prioritisation"),
        SupplierTopic("ask_costs", ("utter_supplier_costs",), "utter_costs"),
        SupplierTopic("ask_is_enough", ("utter_supplier_is_enough",), "utter_is_enough"),
        SupplierTopic("ask_alternatives", ("utter_supplier_alternatives",), "utter_alternatives"),
    )
}


def topic_for(intent: Optional[str]) -> Optional[SupplierTopic]:
    return SUPPLIER_TOPICS.get(intent or "")


# Answered in general, or as advice when a supplier is named (not a follow-up on the supplier in focus).
GENERAL_ONLY = {"ask_step3_overview": "utter_step3_overview"}


def general_answer(intent: Optional[str]) -> Optional[str]:
    """The general answer to a step-3 topic, for when no supplier is meant."""
    topic = topic_for(intent)
    return topic.general if topic else GENERAL_ONLY.get(intent or "")
