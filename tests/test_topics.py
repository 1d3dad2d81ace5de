"""The supplier follow-up topics: the table (actions/advice/topics.py), the decision table and the domain agree."""

from actions.advice import render
from actions.advice.topics import GENERAL_ONLY, SUPPLIER_TOPICS
from tests.project import domain


def test_every_topic_is_answered_in_general_or_for_the_supplier_in_focus():
    from actions.decide import decide
    from tests.test_decide import FOCUS, turn

    for intent in set(SUPPLIER_TOPICS) | set(GENERAL_ONLY):
        assert decide(turn(intent, "how does that work?")).name == "a step-3 topic in general", intent
    for intent in SUPPLIER_TOPICS:
        assert decide(turn(intent, "how does that work?", slots=FOCUS)).name == "a question about one supplier", intent


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
