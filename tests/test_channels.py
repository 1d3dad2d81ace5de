"""Slack and Microsoft Teams against the running Rasa server, with local fakes
of Slack's Web API and the Bot Framework services."""

import hashlib
import hmac
import json
import time
import uuid
from urllib.parse import urlencode

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.conftest import SLACK_SECRET
from tests.test_conversations import start_of

pytestmark = [pytest.mark.model, pytest.mark.servers]


# --- Slack -------------------------------------------------------------------------


def slack_post(servers, body: bytes, content_type="application/json", secret=SLACK_SECRET, age=0):
    timestamp = str(int(time.time()) - age)
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return requests.post(
        servers.rasa_url + "/webhooks/slack/webhook",
        data=body,
        timeout=30,
        headers={"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature},
    )


def slack_event(text, channel, user="U0TEST"):
    return json.dumps(
        {
            "type": "event_callback",
            "team_id": "T0TEST",
            "api_app_id": "A0TEST",
            "event_id": "Ev" + uuid.uuid4().hex,
            "authorizations": [{"user_id": "U0BOT"}],
            "event": {
                "type": "message",
                "channel": channel,
                "channel_type": "im",
                "user": user,
                "text": text,
                "ts": f"{time.time():.6f}",
            },
        }
    ).encode()


def test_signed_slack_message_is_answered_through_the_web_api(servers, fake_slack):
    channel = "D" + uuid.uuid4().hex[:8]
    reply = slack_post(servers, slack_event("Wat moeten we doen aan Riverbank Knitwear?", channel))
    assert reply.status_code == 200

    def with_buttons():
        return [m for m in fake_slack.posted if m.get("channel") == channel and m.get("blocks")]

    # the reply is several posts; the one with the buttons comes last, so wait for it
    # rather than for a number of posts (the posts arrive one by one)
    assert fake_slack.wait_for(with_buttons, seconds=90), (
        f"no post with buttons in {channel}: {fake_slack.texts_for(channel)}; "
        f"posted elsewhere: {len(fake_slack.posted)}, rejected: {fake_slack.rejected}"
    )
    texts = fake_slack.texts_for(channel)
    joined = "\n".join(texts)
    assert "Advies voor Riverbank Knitwear (Bangladesh, Gazipur)" in joined
    assert all(len(t) <= 3000 for t in texts)
    # the short advice is one post: its text, then a button for each part of the full advice
    summary = with_buttons()[-1]
    assert summary["blocks"][0]["text"]["text"].startswith("Advies voor Riverbank Knitwear (Bangladesh, Gazipur)")
    assert summary["blocks"][-1]["type"] == "actions"
    buttons = summary["blocks"][-1]["elements"]
    assert [b["text"]["text"] for b in buttons][:2] == ["Risico's en maatregelen", "Invloed"] and len(buttons) == 8
    assert all(b["type"] == "button" and b["value"].startswith("/") for b in buttons)
    schemes = next(b for b in buttons if b["text"]["text"] == "Keurmerken en partners")

    # clicking a button arrives as an interactive (form-encoded) payload
    before = len(fake_slack.texts_for(channel))
    payload = {
        "type": "block_actions",
        "team": {"id": "T0TEST", "domain": "test"},  # as Slack sends it; only this workspace is served
        "user": {"id": "U0TEST"},
        "channel": {"id": channel},
        "message": {"ts": f"{time.time():.6f}"},
        "actions": [{"type": "button", "value": schemes["value"], "text": {"text": schemes["text"]["text"]}}],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    assert slack_post(servers, body, content_type="application/x-www-form-urlencoded").status_code == 200

    def schemes_answered():
        return any(
            "Passende keurmerken en initiatieven (Riverbank Knitwear)" in t for t in fake_slack.texts_for(channel)
        )

    assert fake_slack.wait_for(schemes_answered, seconds=60), fake_slack.texts_for(channel)[before:]


def test_slack_request_with_a_wrong_signature_is_rejected(servers, fake_slack):
    channel = "D" + uuid.uuid4().hex[:8]
    reply = slack_post(servers, slack_event("hello", channel), secret="not-the-secret")
    assert reply.status_code == 400
    time.sleep(2)
    assert fake_slack.texts_for(channel) == []


def test_stale_slack_request_is_rejected(servers, fake_slack):
    channel = "D" + uuid.uuid4().hex[:8]
    reply = slack_post(servers, slack_event("hello", channel), age=10 * 60)
    assert reply.status_code == 400
    time.sleep(2)
    assert fake_slack.texts_for(channel) == []


# --- Microsoft Teams -----------------------------------------------------------------


def teams_post(servers, activity, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.post(servers.rasa_url + "/webhooks/teams/webhook", json=activity, headers=headers, timeout=60)


def test_teams_activity_with_a_valid_token_is_answered_in_the_teams_locale(servers, fake_bot_framework):
    fake = fake_bot_framework
    conversation = "a:" + uuid.uuid4().hex
    activity = fake.activity("<at>IMVO assistant</at> ok", conversation, locale="nl-NL")
    reply = teams_post(servers, activity, fake.token())
    assert reply.status_code == 200
    replies = fake.wait_for(lambda: fake.replies_in(conversation))
    assert replies, "no reply reached the Bot Framework connector"
    first = replies[0]
    # "ok" decides no language; the Teams locale (nl-NL) does
    assert first["text"].startswith(start_of("utter_ask_what_next", "nl"))
    assert first["replyToId"] == activity["id"]
    assert first["suggestedActions"]["actions"][0]["type"] == "messageBack"
    assert fake.rejected_replies == 0


def test_teams_message_gets_supplier_advice(servers, fake_bot_framework):
    fake = fake_bot_framework
    conversation = "a:" + uuid.uuid4().hex
    activity = fake.activity("What should we do about Golden Dragon Electronics?", conversation, locale="en-US")
    assert teams_post(servers, activity, fake.token()).status_code == 200

    def summary():
        return [r for r in fake.replies_in(conversation) if "Advice for Golden" in r.get("text", "")]

    reply = fake.wait_for(summary, seconds=60)[0]
    assert reply["text"].startswith("Advice for Golden Dragon Electronics (China, Dongguan)")
    assert "independent trade unions are prohibited by law" in reply["text"]
    # the short advice's buttons as Teams shows them: suggested actions that send the payload back
    actions = reply["suggestedActions"]["actions"]
    assert [a["title"] for a in actions][-2:] == ["Make a plan", "Full advice"] and len(actions) == 8
    assert all(a["type"] == "messageBack" and a["text"].startswith("/") for a in actions)


@pytest.mark.parametrize(
    "problem", ["no token", "wrong signature", "wrong audience", "wrong issuer", "expired", "other service url"]
)
def test_teams_requests_without_a_valid_token_are_rejected(servers, fake_bot_framework, problem):
    fake = fake_bot_framework
    conversation = "a:" + uuid.uuid4().hex
    activity = fake.activity("hello", conversation)
    token = {
        "no token": None,
        "wrong signature": fake.token(key=rsa.generate_private_key(public_exponent=65537, key_size=2048)),
        "wrong audience": fake.token(audience="someone-else"),
        "wrong issuer": fake.token(issuer="https://evil.example"),
        "expired": fake.token(expires_in=-3600),
        "other service url": fake.token(service_url="http://127.0.0.1:9/"),
    }[problem]
    assert teams_post(servers, activity, token).status_code == 401
    time.sleep(1)
    assert fake.replies_in(conversation) == []


def test_teams_signing_keys_are_fetched_lazily_and_cached(servers, fake_bot_framework):
    fake = fake_bot_framework
    fetches = fake.key_fetches
    for _ in range(3):
        teams_post(servers, fake.activity("hi", "a:" + uuid.uuid4().hex), fake.token())
    assert fake.key_fetches - fetches <= 1


# --- REST --------------------------------------------------------------------------


@pytest.mark.parametrize("header, status", [(None, 401), ("Bearer wrong", 401), ("test-rest-token", 401)])
def test_rest_webhook_requires_the_configured_token(servers, header, status):
    headers = {"Authorization": header} if header else {}
    reply = requests.post(
        servers.rasa_url + "/webhooks/rest/webhook",
        json={"sender": "x", "message": "hallo"},
        headers=headers,
        timeout=30,
    )
    assert reply.status_code == status
    assert "Bearer" in reply.json()["error"]


def test_rest_webhook_answers_with_the_token(servers):
    reply = requests.post(
        servers.rasa_url + "/webhooks/rest/webhook",
        json={"sender": "y", "message": "hallo"},
        headers={"Authorization": "Bearer test-rest-token"},
        timeout=30,
    )
    assert reply.status_code == 200 and reply.json()[0]["text"]


# --- a server with no channel settings at all (what `make run` starts on a laptop) ----


@pytest.fixture(scope="module")
def bare_server(model_path, tmp_path_factory):
    from tests.servers import Servers, free_port, prepare_environment

    workdir = tmp_path_factory.mktemp("bare")
    env = {
        k: v
        for k, v in prepare_environment(workdir, f"sqlite:///{workdir / 'x.db'}").items()
        if not k.startswith(("SLACK_", "BOTFRAMEWORK_", "REST_API_TOKEN"))
    }
    server = Servers(
        workdir, env["DATABASE_URL"], env, rasa_port=free_port(), action_port=free_port(), web_port=free_port()
    )
    server.env["ACTION_ENDPOINT_URL"] = f"http://127.0.0.1:{server.action_port}/webhook"
    server.start_rasa(model_path)  # Teams needs no internet to start: keys are fetched on first use
    yield server
    server.stop()


def test_unconfigured_slack_and_teams_refuse_requests_and_rest_is_open(bare_server):
    assert requests.post(bare_server.rasa_url + "/webhooks/slack/webhook", json={}, timeout=30).status_code == 503
    assert requests.post(bare_server.rasa_url + "/webhooks/teams/webhook", json={}, timeout=30).status_code == 503
    reply = requests.post(
        bare_server.rasa_url + "/webhooks/rest/webhook", json={"sender": "a", "message": "hallo"}, timeout=60
    )
    assert reply.status_code == 200 and reply.json()[0]["text"]
