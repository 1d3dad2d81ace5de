"""The supplier follow-up topics: the table (actions/advice/topics.py), the rules and the domain agree."""

import yaml

from actions.advice import render
from actions.advice.topics import FALLBACK_RESPONSE, SUPPLIER_TOPICS
from tests.project import ROOT, domain

RULES = ROOT / "data" / "rules" / "supplier_topics.yml"


def _topic_rules():
    """intent -> action for every rule that applies while a supplier is in focus."""
    found = {}
    for rule in yaml.safe_load(RULES.read_text(encoding="utf-8"))["rules"]:
        assert rule.get("condition") == [{"slot_was_set": [{"supplier_in_focus": True}]}], rule["rule"]
        steps = rule["steps"]
        assert len(steps) == 2 and "intent" in steps[0] and "action" in steps[1], rule["rule"]
        assert steps[0]["intent"] not in found, f"two rules for {steps[0]['intent']}"
        found[steps[0]["intent"]] = steps[1]["action"]
    return found


def test_every_table_row_has_exactly_one_rule_and_every_rule_a_row():
    rules = _topic_rules()
    assert set(rules) == set(SUPPLIER_TOPICS)
    assert set(rules.values()) == {"action_supplier_topic"}


def test_every_topic_names_real_intents_and_responses():
    merged = domain()
    for topic in SUPPLIER_TOPICS.values():
        assert topic.intent in merged["intents"], topic.intent
        assert topic.general in merged["responses"], topic.general
        assert topic.parts, topic.intent
    assert FALLBACK_RESPONSE in merged["responses"]


def test_every_part_is_a_response_the_supplier_advice_sends(demo_db):
    from sqlalchemy import select

    from actions.advice.advice import advise_supplier
    from actions.records.database import session_scope
    from actions.records.models import Supplier

    with session_scope(demo_db) as session:
        supplier = session.execute(select(Supplier).where(Supplier.name == "Riverbank Knitwear")).scalar_one()
        sent = {key for key, _ in render.supplier_messages(advise_supplier(supplier), "en")}
    for topic in SUPPLIER_TOPICS.values():
        assert set(topic.parts) <= sent, topic.intent
        assert set(topic.parts) <= set(domain()["responses"]), topic.intent
