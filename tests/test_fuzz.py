"""Property-based test: generated messages of every kind, each must get a polite
answer and the server must stay healthy. `make test` sends FUZZ_EXAMPLES (default
120) messages; `make fuzz` sends 3000 and prints the figures."""

import json
import os
import uuid

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REST_TOKEN

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "120"))
STATS = {"sent": 0, "failures": 0, "server_errors": 0, "unanswered": 0}
FORBIDDEN = ("Traceback", "Exception", "<script")

messages = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000),
    st.sampled_from(
        [
            "hallo",
            "wat is een actieplan",
            "Riverbank",
            "yes",
            "nee",
            "/greet",
            '/inform{"country": "CN"}',
            '/ask_supplier_advice{"supplier": "<b>x</b>"}',
            "in English please",
        ]
    ).flatmap(lambda base: st.text(max_size=40).map(lambda tail: base + tail)),
)

pytestmark = [pytest.mark.model, pytest.mark.servers]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=messages)
def test_generated_messages_always_get_a_polite_answer(servers, text):
    """Whatever a user types, the bot answers with at least one non-empty, safe message."""
    STATS["sent"] += 1
    reply = requests.post(
        servers.rasa_url + "/webhooks/rest/webhook",
        timeout=120,
        headers={"Authorization": f"Bearer {REST_TOKEN}", "Content-Type": "application/json"},
        data=json.dumps({"sender": f"fuzz-{uuid.uuid4().hex[:6]}", "message": text}),
    )
    if reply.status_code >= 500:
        STATS["server_errors"] += 1
    messages = reply.json() if reply.status_code == 200 else []
    if reply.status_code == 200 and not messages:
        STATS["unanswered"] += 1
    texts = [m.get("text") or "" for m in messages]
    ok = reply.status_code == 200 and bool(messages) and all(t.strip() for t in texts)
    ok = ok and not any(word in t for t in texts for word in FORBIDDEN)
    if not ok:
        STATS["failures"] += 1
    assert reply.status_code == 200, reply.text[:300]
    assert messages, f"no reply to {text!r}"
    for message_text in texts:
        assert message_text.strip(), f"an empty reply to {text!r}"
        for word in FORBIDDEN:
            assert word not in message_text, f"{word!r} in the reply to {text!r}: {message_text[:300]}"


def test_server_is_healthy_after_fuzzing(servers):
    """After the generated messages the server still answers, and none of them failed."""
    print(
        f"\nfuzz: {STATS['sent']} messages sent, {STATS['failures']} failures, "
        f"{STATS['server_errors']} server errors, {STATS['unanswered']} without a reply"
    )
    assert requests.get(servers.rasa_url + "/", timeout=10).status_code == 200
    assert STATS["sent"] > 0, "no generated message was sent: run the whole file"
    assert STATS["server_errors"] == 0
    assert STATS["unanswered"] == 0
    assert STATS["failures"] == 0
