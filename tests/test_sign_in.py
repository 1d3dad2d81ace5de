"""Sign-in without servers: the token check (HS256 and RS256), the rate limiter, the role check in the
actions with its audit rows, the admin pages with a sign-in token, and the channels' texts."""

import threading
import time
from http.server import ThreadingHTTPServer

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import delete

from actions import access
from actions.advice.wording import say
from actions.records import audit_log
from actions.records.audit_models import AuditEntry
from actions.records.database import session_scope
from actions.respond import ActionRespond
from channels import signin, texts
from channels.rate_limit import RateLimiter

SECRET = "a-shared-secret-of-the-intranet-32b"
SIGNIN_SETTINGS = ("SIGNIN_JWT_SECRET", "SIGNIN_JWT_PUBLIC_KEY", "SIGNIN_JWT_PUBLIC_KEY_FILE", "SIGNIN_REQUIRED")


def token(claims=None, key=SECRET, algorithm="HS256", expires_in=600, **headers):
    now = int(time.time())
    body = {"sub": "anna@example.com", "role": "csr", "iat": now, "exp": now + expires_in, **(claims or {})}
    return jwt.encode(body, key, algorithm=algorithm, headers=headers or None)


@pytest.fixture
def hs256(monkeypatch):
    for name in SIGNIN_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SIGNIN_JWT_SECRET", SECRET)
    return signin.token_settings()


@pytest.fixture(scope="module")
def key_pair():
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public_pem.decode()


@pytest.fixture
def rs256(monkeypatch, key_pair, tmp_path):
    for name in SIGNIN_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    key_file = tmp_path / "idp.pem"
    key_file.write_text(key_pair[1])
    monkeypatch.setenv("SIGNIN_JWT_PUBLIC_KEY_FILE", str(key_file))
    monkeypatch.setenv("SIGNIN_JWT_ISSUER", "https://idp.example.com")
    monkeypatch.setenv("SIGNIN_JWT_AUDIENCE", "imvo-assistant")
    monkeypatch.setenv("SIGNIN_ROLE_CLAIM", "roles")
    return signin.token_settings()


# --- the token check ------------------------------------------------------------------------


def test_a_valid_hs256_token_gives_its_user_and_role(hs256):
    who = signin.verify(token(), hs256, "socketio")
    assert (who.user, who.roles, who.required) == ("anna@example.com", frozenset({"csr"}), True)


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda: token(expires_in=-3600), "expired"),
        (lambda: token(key="another-secret-that-is-long-enough"), "invalid"),
        (lambda: token()[:-4] + "AAAA", "invalid"),
        (lambda: jwt.encode({"sub": "anna", "role": "csr"}, SECRET, algorithm="HS256"), "invalid"),  # no expiry
        (lambda: token({"sub": ""}), "invalid"),
        (lambda: "not a token", "invalid"),
        (lambda: None, "missing"),
    ],
    ids=["expired", "wrong secret", "tampered", "no expiry", "no user", "garbage", "missing"],
)
def test_a_bad_hs256_token_is_refused_with_its_reason(hs256, make, reason):
    with pytest.raises(signin.SignInError) as refused:
        signin.verify(make(), hs256, "socketio")
    assert refused.value.reason == reason


def test_a_valid_rs256_token_of_the_identity_provider(rs256, key_pair):
    claims = {"iss": "https://idp.example.com", "aud": "imvo-assistant", "roles": ["Procurement", "staff"]}
    who = signin.verify(token(claims, key=key_pair[0], algorithm="RS256"), rs256, "socketio")
    assert who.user == "anna@example.com" and who.roles == frozenset({"procurement", "staff"})
    assert access.may_see_records(who)


def test_rs256_refuses_another_key_issuer_audience_and_the_public_key_as_hs256_secret(rs256, key_pair):
    good = {"iss": "https://idp.example.com", "aud": "imvo-assistant", "roles": ["csr"]}
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = [
        token(good, key=other_key, algorithm="RS256"),
        token({**good, "iss": "https://evil.example.com"}, key=key_pair[0], algorithm="RS256"),
        token({**good, "aud": "another-app"}, key=key_pair[0], algorithm="RS256"),
    ]
    for bad in forged:
        with pytest.raises(signin.SignInError):
            signin.verify(bad, rs256, "socketio")
    # the classic algorithm confusion: an HS256 token "signed" with the public key; PyJWT itself refuses
    # to sign with a PEM key, so the token is put together by hand
    import base64
    import hashlib
    import hmac
    import json

    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    body = f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part({**good, 'sub': 'mallory', 'exp': int(time.time()) + 600})}"
    mac = hmac.new(key_pair[1].encode(), body.encode(), hashlib.sha256).digest()
    confused = body + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
    with pytest.raises(signin.SignInError):
        signin.verify(confused, rs256, "socketio")


def test_without_settings_it_is_the_open_demo_and_says_so(monkeypatch):
    for name in SIGNIN_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    assert signin.token_settings() is None and not access.configured()
    assert signin.describe().startswith("OPEN LOCAL DEMO without sign-in")
    monkeypatch.setenv("SIGNIN_JWT_SECRET", SECRET)
    assert signin.describe().startswith(
        "Sign-in on: HS256 tokens; supplier records and plans for the roles csr, procurement"
    )


def test_an_action_server_without_the_settings_still_follows_the_channels_mark(monkeypatch):
    for name in SIGNIN_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    assert not access.may_see_records(access.from_metadata({access.METADATA_KEY: STAFF}))
    assert access.may_see_records(access.from_metadata({access.METADATA_KEY: CSR}))
    assert access.may_see_records(access.from_metadata({}))  # the open demo


def test_stamping_replaces_what_a_client_sent_under_the_sign_in_key(hs256):
    forged = {"language": "nl", access.METADATA_KEY: {"user": "boss", "roles": ["csr"], "required": False}}
    stamped = signin.stamped(forged, signin.verify(token({"role": "staff"}), hs256, "socketio"))
    assert stamped["language"] == "nl"
    assert stamped[access.METADATA_KEY] == {
        "user": "anna@example.com",
        "roles": ["staff"],
        "channel": "socketio",
        "required": True,
    }


def test_slack_and_teams_users_are_staff_unless_listed(monkeypatch):
    monkeypatch.setenv("SLACK_USER_ROLES", "U0CSR:csr, U0BUY:procurement")
    assert signin.platform_identity("SLACK_USER_ROLES", "U0CSR", "slack").roles == {"csr"}
    assert signin.platform_identity("SLACK_USER_ROLES", "U0BUY", "slack").roles == {"procurement"}
    assert signin.platform_identity("SLACK_USER_ROLES", "U0ANY", "slack").roles == {"staff"}


# --- the rate limiter -----------------------------------------------------------------------


def test_the_rate_limit_counts_per_sender_in_a_sliding_window():
    now = [1000.0]
    limiter = RateLimiter(3, 60, clock=lambda: now[0])
    assert [limiter.retry_after("anna") for _ in range(3)] == [None, None, None]
    assert limiter.retry_after("anna") == 60
    assert limiter.retry_after("bert") is None  # another sender is not held up
    now[0] += 30
    assert limiter.retry_after("anna") == 30
    now[0] += 30.5
    assert limiter.retry_after("anna") is None  # the oldest message left the window
    assert RateLimiter(0, 60).retry_after("anna") is None  # 0 turns it off


# --- the role check in the actions ------------------------------------------------------------


def tracker(intent, text, signed_in=None, entities=(), slots=None):
    metadata = {access.METADATA_KEY: signed_in} if signed_in else {}
    return Tracker(
        "conversation-1",
        {"language": "en", **(slots or {})},
        {"text": text, "intent": {"name": intent}, "entities": list(entities)},
        [{"event": "user", "text": text, "metadata": metadata, "input_channel": "socketio"}],
        False,
        None,
        {"name": "socketio"},
        "action_listen",
    )


STAFF = {"user": "bert@example.com", "roles": ["staff"], "channel": "socketio", "required": True}
CSR = {"user": "anna@example.com", "roles": ["csr"], "channel": "socketio", "required": True}
RIVERBANK = [{"entity": "supplier", "value": "Riverbank Knitwear"}]


@pytest.fixture
def records(demo_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_db)
    with session_scope(demo_db) as session:
        session.execute(delete(AuditEntry))
    return demo_db


def audit_rows(url):
    with session_scope(url) as session:
        return [(e.who, e.role, e.channel, e.kind, e.subject) for e in reversed(audit_log.entries(session))]


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    action().run(dispatcher, tracker_, {})
    return dispatcher.messages


def test_staff_get_the_guidance_not_the_record_and_nothing_is_logged(records, hs256):
    messages = run(
        ActionRespond,
        tracker("ask_supplier_record", "who is the contact at Riverbank Knitwear?", STAFF, RIVERBANK),
    )
    assert [m.get("text") for m in messages] == [say("en", "sign_in", "records_refused")]
    assert "general guidance stays available" in messages[0]["text"]
    assert audit_rows(records) == []


def test_csr_get_the_record_and_the_audit_log_has_the_row(records, hs256):
    messages = run(
        ActionRespond,
        tracker("ask_supplier_record", "who is the contact at Riverbank Knitwear?", CSR, RIVERBANK),
    )
    assert messages and not any(m.get("text") == say("en", "sign_in", "records_refused") for m in messages)
    assert audit_rows(records) == [("anna@example.com", "csr", "socketio", "supplier_record", "Riverbank Knitwear")]


def test_a_client_cannot_claim_a_role_when_the_action_server_requires_sign_in(records, hs256):
    """A message without the channel's stamp (e.g. sent past the channels) counts as no role."""
    messages = run(ActionRespond, tracker("ask_overdue_plans", "which plans are overdue?"))
    assert [m.get("text") for m in messages] == [say("en", "sign_in", "records_refused")]


def test_staff_keep_the_general_guidance(records, hs256):
    general = tracker("ask_leverage", "how do we use our leverage?", STAFF)
    assert [m.get("response") for m in run(ActionRespond, general)] == ["utter_leverage"]
    about_a_supplier = tracker("ask_leverage", "how do we use our leverage at Riverbank Knitwear?", STAFF, RIVERBANK)
    messages = run(ActionRespond, about_a_supplier)
    assert [m.get("text") or m.get("response") for m in messages] == [
        say("en", "sign_in", "records_refused"),
        "utter_leverage",
    ]
    assert audit_rows(records) == []


def test_the_open_demo_serves_everyone_and_logs_the_look_up(records, monkeypatch):
    for name in SIGNIN_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    messages = run(
        ActionRespond,
        tracker("ask_supplier_record", "who is the contact at Riverbank Knitwear?", None, RIVERBANK),
    )
    assert messages and all(m.get("text") != say("en", "sign_in", "records_refused") for m in messages)
    assert audit_rows(records) == [("socketio:conversation-1", "", "socketio", "supplier_record", "Riverbank Knitwear")]


def test_the_audit_log_is_pruned_after_the_retention_period(records):
    from datetime import timedelta

    with session_scope(records) as session:
        audit_log.add(session, "old", "csr", "rest", "supplier_record", None, "Old look-up")
        audit_log.add(session, "new", "csr", "rest", "supplier_record", None, "New look-up")
        session.flush()
        oldest = audit_log.entries(session)[-1]
        oldest.at = audit_log.now() - timedelta(days=400)
    assert audit_log.prune(365, records) == 1
    assert [row[4] for row in audit_rows(records)] == ["New look-up"]


# --- the admin pages with a sign-in token ---------------------------------------------------------


@pytest.fixture
def admin_site(records, hs256, monkeypatch):
    from web import admin

    monkeypatch.delenv("ADMIN_TOKEN", raising=False)
    server = ThreadingHTTPServer((admin.HOST, 0), admin.Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_admin_pages_take_a_csr_token_refuse_staff_and_log_views_and_exports(admin_site, records):
    csr = {"Authorization": f"Bearer {token({'sub': 'anna@example.com', 'role': 'csr'})}"}
    staff = {"Authorization": f"Bearer {token({'sub': 'bert@example.com', 'role': 'staff'})}"}
    expired = {"Authorization": f"Bearer {token(expires_in=-3600)}"}
    for refused in (staff, expired, {}):
        response = requests.get(admin_site + "/overview?lang=en", headers=refused, allow_redirects=False, timeout=10)
        assert response.status_code == 303 and response.headers["Location"] == "/signin?lang=en"
    assert "<h1>Where to act first</h1>" in requests.get(admin_site + "/overview?lang=en", headers=csr, timeout=10).text
    assert requests.get(admin_site + "/plans.csv", headers=csr, timeout=10).status_code == 200
    session = requests.Session()
    signed = session.post(admin_site + "/signin", data={"token": csr["Authorization"][7:]}, allow_redirects=False)
    assert signed.status_code == 303
    assert [(r[0], r[2], r[3]) for r in audit_rows(records)] == [
        ("anna@example.com", "admin", "admin_overview"),
        ("anna@example.com", "admin", "admin_plans_export"),
    ]


# --- texts ------------------------------------------------------------------------------------------


def test_every_channel_text_is_in_dutch_and_english_and_unknown_language_gets_both():
    for key, entry in texts.texts().items():
        assert set(entry) == {"nl", "en"} and all(entry.values()), key
    both = texts.say("sign_in_failed")
    assert both.startswith("Je aanmelding kon niet") and "Your sign-in could not be checked" in both
    assert texts.say("rate_limited", "en-GB", seconds=12) == (
        "You are sending many messages in a short time. Please wait a moment (about 12 seconds) and then ask again."
    )


# --- every action with supplier data checks the role ------------------------------------------------

GATED = [
    (ActionRespond, "ask_supplier_list", "which suppliers do we have in Bangladesh?"),
    (ActionRespond, "compare_suppliers", "which of the two first?"),
    (ActionRespond, "ask_where_to_act_first", "where should we act first?"),
    (ActionRespond, "make_plan", "draft a plan for Riverbank Knitwear"),
    (ActionRespond, "edit_plan", "the owner is Jan de Vries"),
    (ActionRespond, "ask_plan_status", "how far is the plan for Riverbank Knitwear?"),
    (ActionRespond, "ask_overdue_plans", "which plans are overdue?"),
    (ActionRespond, "ask_plans_missing", "which suppliers have no plan?"),
]


@pytest.mark.parametrize("action, intent, text", GATED, ids=[g[1] for g in GATED])
def test_every_supplier_data_action_refuses_staff_and_logs_nothing(records, hs256, action, intent, text):
    slots = {"supplier_id": 1.0, "supplier_in_focus": True, "recent_suppliers": ["1", "2"]}
    messages = run(action, tracker(intent, text, STAFF, RIVERBANK if "Riverbank" in text else (), slots))
    assert messages[0].get("text") == say("en", "sign_in", "records_refused")
    assert audit_rows(records) == []


def test_csr_rankings_and_plans_are_logged(records, hs256):
    run(ActionRespond, tracker("ask_where_to_act_first", "where should we act first?", CSR))
    run(ActionRespond, tracker("make_plan", "draft a plan for Riverbank Knitwear", CSR, RIVERBANK))
    rows = audit_rows(records)
    assert [(r[0], r[3]) for r in rows] == [
        ("anna@example.com", "supplier_ranking"),
        ("anna@example.com", "plan_draft"),
    ]
    assert rows[0][4].count(",") == 4 and rows[1][4] == "Riverbank Knitwear"  # the five ranked; the plan's supplier


def test_rest_over_the_limit_gets_429_with_retry_after(monkeypatch):
    import json
    from types import SimpleNamespace

    from channels import rate_limit, rest

    monkeypatch.setattr(rate_limit, "_limiter", RateLimiter(1, 60))
    request = SimpleNamespace(json={"sender": "helpdesk-42", "message": "hallo"})
    assert rest.over_the_limit(request) is None
    refused = rest.over_the_limit(request)
    assert refused.status == 429 and refused.headers["Retry-After"] == "60"
    body = json.loads(refused.body)
    assert body["retry_after"] == 60 and body["error"] == texts.say("rate_limited", seconds=60)
    assert body["error"].startswith("Je stuurt veel berichten") and "You are sending many messages" in body["error"]
