"""Sign-in end to end: the real action server and Rasa server with SIGNIN_JWT_SECRET set, the web chat over
socket.io with intranet tokens, Slack and Teams against their local fakes, REST without a token, the rate
limit, and the audit log's rows in the database."""

import time
import uuid

import jwt
import pytest
import requests

from actions.records import audit_log
from actions.records.database import session_scope
from channels import texts
from tests.conftest import SLACK_SECRET, SLACK_TOKEN, TEAMS_APP
from tests.test_channels import slack_event, slack_post, teams_post
from tests.test_web_widget import browser  # noqa: F401  (the headless Chromium fixture)

pytestmark = [pytest.mark.model, pytest.mark.servers]

SECRET = "the-intranet-signing-secret-for-tests"
LIMIT, WINDOW = 6, 8
REFUSED_EN = (
    "Supplier records, lists of suppliers and action plans are only shown to staff with a procurement or CSR role"
)
REFUSED_NL = "Leveranciersgegevens, overzichten van leveranciers en actieplannen zijn alleen te zien voor medewerkers"


def intranet_token(user, role, expires_in=600, key=SECRET):
    now = int(time.time())
    return jwt.encode({"sub": user, "role": role, "iat": now, "exp": now + expires_in}, key, algorithm="HS256")


@pytest.fixture(scope="module")
def signed_in_servers(model_path, tmp_path_factory, fake_slack, fake_bot_framework):
    """Sign-in configured (HS256), REST without a token, Slack for one workspace with one CSR user, Teams."""
    from tests.servers import start_servers

    workdir = tmp_path_factory.mktemp("signin")
    env = {
        "SIGNIN_JWT_SECRET": SECRET,
        "RATE_LIMIT_MESSAGES": str(LIMIT),
        "RATE_LIMIT_SECONDS": str(WINDOW),
        "REST_API_TOKEN": "",
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_API_URL": fake_slack.url + "/api/",
        "SLACK_TEAM_ID": "T0TEST",
        "SLACK_USER_ROLES": "U0CSR:csr",
        "BOTFRAMEWORK_APP_ID": TEAMS_APP[0],
        "BOTFRAMEWORK_APP_PASSWORD": TEAMS_APP[1],
        "BOTFRAMEWORK_TENANT_ID": TEAMS_APP[2],
        "BOTFRAMEWORK_OPENID_URL": fake_bot_framework.url + "/.well-known/openidconfiguration",
        "BOTFRAMEWORK_LOGIN_URL": fake_bot_framework.url,
    }
    running = start_servers(workdir, model_path, f"sqlite:///{workdir / 'imvo.db'}", extra_env=env, warm_up=False)
    with WebChat(running, intranet_token("warm-up", "staff")) as chat:
        chat.say("hallo", wait=120)  # the first message compiles the model's graph
    yield running
    running.stop()


class WebChat:
    """The widget's side of the socket.io channel: connects with the intranet's token, one conversation."""

    def __init__(self, servers, token=None, language="en"):
        import socketio

        self.servers, self.token, self.language = servers, token, language
        self.client = socketio.Client(reconnection=False)
        self.received = []
        self.session = uuid.uuid4().hex

    def __enter__(self):
        import threading

        confirmed = threading.Event()
        self.client.on("session_confirm", lambda data: confirmed.set())
        self.client.on("bot_uttered", lambda data: self.received.append(data.get("text", "")))
        auth = {"token": self.token} if self.token else None
        self.client.connect(self.servers.rasa_url, transports=["polling"], socketio_path="/socket.io", auth=auth)
        self.client.emit("session_request", {"session_id": self.session})
        assert confirmed.wait(20), "the session was not confirmed"
        return self

    def __exit__(self, *exc):
        self.client.disconnect()

    def send(self, text, metadata=None):
        data = {"language": self.language, **(metadata or {})}
        self.client.emit("user_uttered", {"message": text, "session_id": self.session, "metadata": data})

    def say(self, text, metadata=None, wait=60, quiet=2.5):
        """What the bot answers: every message until none came for `quiet` seconds."""
        before = len(self.received)
        self.send(text, metadata)
        deadline = time.time() + wait
        while len(self.received) == before and time.time() < deadline:
            time.sleep(0.1)
        count = len(self.received)
        while True:
            time.sleep(quiet)
            if len(self.received) == count:
                break
            count = len(self.received)
        return "\n".join(self.received[before:])


def audit_rows(servers, who):
    with session_scope(servers.database_url) as session:
        return [(e.who, e.role, e.channel, e.kind, e.subject) for e in audit_log.entries(session) if e.who == who]


RECORD_QUESTION = "Who is the contact person at Riverbank Knitwear?"
ADVICE_QUESTION = "What should we do about Riverbank Knitwear?"


def test_a_staff_token_is_refused_supplier_data_and_a_csr_token_is_served(signed_in_servers):
    staff = f"bert-{uuid.uuid4().hex[:6]}@example.com"
    with WebChat(signed_in_servers, intranet_token(staff, "staff")) as chat:
        record = chat.say(RECORD_QUESTION)
        advice = chat.say(ADVICE_QUESTION)
        # a role claimed by the client in the message metadata is not believed
        claimed = chat.say(
            RECORD_QUESTION, metadata={"signed_in": {"user": staff, "roles": ["csr"], "required": False}}
        )
        guidance = chat.say("How can we use our leverage with suppliers?")
    for reply in (record, advice, claimed):
        assert REFUSED_EN in reply and "F. Akter" not in reply and "Advice for Riverbank" not in reply
    assert REFUSED_EN not in guidance and "leverage" in guidance.lower()
    assert audit_rows(signed_in_servers, staff) == []

    csr = f"anna-{uuid.uuid4().hex[:6]}@example.com"
    with WebChat(signed_in_servers, intranet_token(csr, "csr")) as chat:
        record = chat.say(RECORD_QUESTION)
        advice = chat.say(ADVICE_QUESTION)
    assert "F. Akter" in record and REFUSED_EN not in record
    assert "Advice for Riverbank Knitwear (Bangladesh, Gazipur)" in advice
    rows = audit_rows(signed_in_servers, csr)
    assert ("supplier_record", "Riverbank Knitwear") in [(r[3], r[4]) for r in rows]
    assert ("supplier_advice", "Riverbank Knitwear") in [(r[3], r[4]) for r in rows]
    assert {(r[1], r[2]) for r in rows} == {("csr", "socketio")}


@pytest.mark.parametrize(
    "token, key",
    [
        (intranet_token("mallory@example.com", "csr", key="not-the-intranet-secret"), "sign_in_failed"),
        (intranet_token("anna@example.com", "csr", expires_in=-3600), "sign_in_failed"),
        ("garbage", "sign_in_failed"),
        (None, "sign_in_missing"),
    ],
    ids=["forged", "expired", "garbage", "none"],
)
def test_a_forged_expired_or_missing_token_gets_the_polite_refusal(signed_in_servers, token, key):
    with WebChat(signed_in_servers, token, language="nl") as chat:
        reply = chat.say(RECORD_QUESTION)
    assert reply == texts.say(key, "nl")
    assert "Traceback" not in reply and audit_rows(signed_in_servers, "mallory@example.com") == []


def test_the_rate_limit_answers_politely_and_lets_through_again_later(signed_in_servers):
    with WebChat(signed_in_servers, intranet_token(f"carl-{uuid.uuid4().hex[:6]}", "staff")) as chat:
        for _ in range(LIMIT + 1):  # faster than anyone types
            chat.send("hello")
        chat.say("hello")  # the eighth, and everything before it answered
        limited = [r for r in chat.received if "many messages" in r]
        assert len(limited) == 2, chat.received  # the seventh and the eighth
        assert limited[0].startswith("You are sending many messages in a short time. Please wait a moment (about")
        assert len(chat.received) - len(limited) >= LIMIT  # the first six were answered by the assistant
        time.sleep(WINDOW + 1)
        again = chat.say("hello")
        assert again and "many messages" not in again


def test_rest_without_a_token_is_closed_when_sign_in_is_configured(signed_in_servers):
    reply = requests.post(
        signed_in_servers.rasa_url + "/webhooks/rest/webhook", json={"sender": "x", "message": "hallo"}, timeout=30
    )
    assert reply.status_code == 503
    assert reply.json()["error"] == texts.say("rest_needs_token")


def test_slack_answers_only_its_workspace_and_gives_records_only_to_listed_csr_users(signed_in_servers, fake_slack):
    other = "D" + uuid.uuid4().hex[:8]
    body = slack_event(RECORD_QUESTION, other, user="U0CSR").replace(b'"T0TEST"', b'"T0OTHER"')
    assert slack_post(signed_in_servers, body).status_code == 403
    time.sleep(2)
    assert fake_slack.texts_for(other) == []

    staff, csr = "D" + uuid.uuid4().hex[:8], "D" + uuid.uuid4().hex[:8]
    assert slack_post(signed_in_servers, slack_event(RECORD_QUESTION, staff, user="U0STAFF")).status_code == 200
    assert slack_post(signed_in_servers, slack_event(RECORD_QUESTION, csr, user="U0CSR")).status_code == 200
    assert fake_slack.wait_for(lambda: fake_slack.texts_for(staff) and fake_slack.texts_for(csr), seconds=90)
    time.sleep(3)
    assert REFUSED_EN in "\n".join(fake_slack.texts_for(staff))
    assert "F. Akter" in "\n".join(fake_slack.texts_for(csr))
    assert audit_rows(signed_in_servers, "slack:U0CSR")
    assert audit_rows(signed_in_servers, "slack:U0STAFF") == []


def test_teams_answers_only_its_tenant(signed_in_servers, fake_bot_framework):
    fake = fake_bot_framework
    other, own = "a:" + uuid.uuid4().hex, "a:" + uuid.uuid4().hex
    refused = teams_post(signed_in_servers, fake.activity("hello", other, tenant="another-tenant"), fake.token())
    assert refused.status_code == 403
    answered = teams_post(signed_in_servers, fake.activity(RECORD_QUESTION, own, locale="en-US"), fake.token())
    assert answered.status_code == 200
    replies = fake.wait_for(lambda: fake.replies_in(own), seconds=60)
    assert REFUSED_EN in "\n".join(r.get("text", "") for r in replies)  # Teams users are staff unless listed
    assert fake.replies_in(other) == []


# --- the widget in a real browser, with the token the intranet page gives it ---------------------------


# What an intranet page does: mount() is given the signed-in employee's token. The demo page is loaded from
# the web server as it is (a page from elsewhere may not reach 127.0.0.1 in Chromium) and the option is added
# to its mount() call before the page's scripts run.
ADD_TO_MOUNT = """(() => {
  let widget;
  Object.defineProperty(window, "ImvoChat", {
    configurable: true,
    get: () => widget,
    set: (value) => { widget = { ...value, mount: (options) => value.mount({ ...options, %s }) }; },
  });
})();"""


@pytest.fixture(scope="module")
def web_page(signed_in_servers):
    if "web" not in signed_in_servers.processes:
        signed_in_servers.start_web()
    return signed_in_servers.web_url


@pytest.mark.browser
@pytest.mark.parametrize(
    "option, expected, absent",
    [
        ("getToken: () => Promise.resolve('{csr}')", "F. Akter", REFUSED_EN),
        ("token: '{staff}'", REFUSED_EN, "F. Akter"),
    ],
    ids=["csr via getToken", "staff via token"],
)
def test_the_widget_sends_the_intranet_token(browser, web_page, option, expected, absent):  # noqa: F811
    tokens = {"csr": intranet_token("dora@example.com", "csr"), "staff": intranet_token("erik@example.com", "staff")}
    context = browser.new_context()
    context.add_init_script(ADD_TO_MOUNT % option.format(**tokens))
    page = context.new_page()
    page.goto(web_page)
    page.evaluate("localStorage.setItem('imvo-chat:language', JSON.stringify('en'))")
    page.reload()
    page.locator(".imvo-launcher").click()
    page.locator(".imvo-chat[data-ready='true']").wait_for(state="attached", timeout=30000)
    page.locator(".imvo-input").fill(RECORD_QUESTION)
    page.locator(".imvo-input").press("Enter")
    page.locator(".imvo-bot", has_text=expected).first.wait_for(timeout=60000)
    assert absent not in page.locator(".imvo-messages").inner_text()
    assert "eyJ" not in page.evaluate("JSON.stringify(localStorage)")  # the token is not kept in the browser
    context.close()
