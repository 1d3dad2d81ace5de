"""The supplier follow-up topics: the table (actions/advice/topics.py), the rules and the domain agree."""

import yaml

from actions.advice import render
from actions.advice.topics import FALLBACK_RESPONSE, SUPPLIER_TOPICS
from tests.project import ROOT, domain

RULES = ROOT / "data" / "rules"
FORM_STEPS = [{"action": "action_prepare_supplier_form"}, {"action": "supplier_form"}, {"active_loop": "supplier_form"}]


def _rules(name):
    return yaml.safe_load((RULES / name).read_text(encoding="utf-8"))["rules"]


def test_every_table_row_has_its_two_supplier_rules_and_every_rule_a_row():
    focus, named = set(), set()
    for rule in _rules("supplier_topics.yml"):
        intent_step, *rest = rule["steps"]
        assert rest == FORM_STEPS, rule["rule"]
        if rule.get("condition") == [{"slot_was_set": [{"supplier_in_focus": True}]}]:
            assert "entities" not in intent_step
            focus.add(intent_step["intent"])
        else:
            assert "condition" not in rule and intent_step.get("entities") == ["supplier"], rule["rule"]
            named.add(intent_step["intent"])
    assert focus == named == set(SUPPLIER_TOPICS)


def test_every_topic_has_a_general_rule_for_when_no_supplier_is_meant():
    general = {}
    for rule in _rules("guidance.yml"):
        steps = rule["steps"]
        general[steps[0]["intent"]] = steps[1]["action"]
    for topic in SUPPLIER_TOPICS.values():
        assert general.get(topic.intent) == topic.general, topic.intent


def test_every_topic_names_real_intents_and_responses():
    merged = domain()
    for topic in SUPPLIER_TOPICS.values():
        assert topic.intent in merged["intents"], topic.intent
        assert topic.general in merged["responses"], topic.general
        assert topic.parts, topic.intent
        for part in topic.parts:
            assert part in merged["responses"], f"{topic.intent}: {part}"
    assert FALLBACK_RESPONSE in merged["responses"]


def test_every_part_is_sent_for_a_real_supplier(demo_db):
    from sqlalchemy import select

    from actions.advice.advice import advise_supplier
    from actions.records.database import session_scope
    from actions.records.models import Supplier

    with session_scope(demo_db) as session:
        supplier = session.execute(select(Supplier).where(Supplier.name == "Riverbank Knitwear")).scalar_one()
        advice = advise_supplier(supplier)
    for topic in SUPPLIER_TOPICS.values():
        for language in ("en", "nl"):
            messages = render.supplier_topic_messages(advice, topic, language)
            assert [key for key, _ in messages] == list(topic.parts), topic.intent
            for _key, values in messages:
                assert all(str(v).strip() for v in values.values()), (topic.intent, values)
