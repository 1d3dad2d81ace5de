"""The supplier follow-up topics: the table (actions/advice/topics.py), the rules and the domain agree."""

import yaml

from actions.advice import render
from actions.advice.topics import GENERAL_ONLY, SUPPLIER_TOPICS
from tests.project import ROOT, domain

RULES = ROOT / "data" / "rules"
ANSWER_STEPS = [{"action": "action_supplier_question"}]


def _rules(name):
    return yaml.safe_load((RULES / name).read_text(encoding="utf-8"))["rules"]


def test_every_topic_has_one_rule_to_the_supplier_question_and_every_rule_a_row():
    ruled = {}
    for rule in _rules("topics.yml"):
        intent_step, *rest = rule["steps"]
        assert rest == ANSWER_STEPS and "condition" not in rule and "entities" not in intent_step, rule["rule"]
        ruled[intent_step["intent"]] = rule["rule"]
    assert set(ruled) == set(SUPPLIER_TOPICS) | set(GENERAL_ONLY)


def test_no_other_rule_answers_a_topic():
    for name in ("basics.yml", "suppliers.yml"):
        for rule in _rules(name):
            intents = {step.get("intent") for step in rule["steps"]}
            assert not intents & (set(SUPPLIER_TOPICS) | set(GENERAL_ONLY)), rule["rule"]


def test_every_topic_names_real_intents_and_responses():
    merged = domain()
    for topic in SUPPLIER_TOPICS.values():
        assert topic.intent in merged["intents"], topic.intent
        assert topic.general in merged["responses"], topic.general
        assert topic.parts, topic.intent
        for part in topic.parts:
            assert part in merged["responses"], f"{topic.intent}: {part}"


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
