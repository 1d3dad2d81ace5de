"""Hostile and odd input, outages, access and data safety, against the real servers."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

from tests.conftest import REST_TOKEN
from tests.project import reads_as
from tests.servers import Conversation

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
AUTH = {"Authorization": f"Bearer {REST_TOKEN}"}
FORBIDDEN = ("Traceback", "Exception", "exception", "Error:", "<script", "<img", "onerror")

# The starts of the replies users should see, typed here (not read from the domain).
NL_ACTION_PLAN = "Is je bedrijf betrokken bij negatieve gevolgen of IMVO-risico's? Stel dan een actieplan op"
EN_WHAT_NEXT = "What would you like to know? Pick a topic or type your question."
EN_CLARIFY = "I'm not sure what you mean. Is it about one of these topics?"
EN_REPHRASE = "Sorry, I didn't quite understand that. Could you rephrase your question?"
NL_CLARIFY = "Ik weet niet zeker wat je bedoelt. Gaat het om een van deze onderwerpen?"
EN_TOO_LONG = "Your message is too long: 10000 characters, and the limit is 6000 characters."
EN_OUT_OF_SCOPE = "Sorry, that's outside what I can help with. I'm an assistant for step 3 of RBC due diligence"
EN_ASK_SUPPLIER = "Which supplier is it about? Type its name as it appears in your supplier list (or say 'stop')."
NL_SERVICE_DOWN = "Sorry, dat kan ik nu niet opzoeken: dat deel van de assistent is even niet bereikbaar."
EN_SERVICE_DOWN = "Sorry, I can't look that up right now: that part of the assistant is not reachable."


def post(servers, body, raw=False):
    data = body if raw else json.dumps(body).encode("utf-8")
    return requests.post(
        servers.rasa_url + "/webhooks/rest/webhook",
        data=data,
        timeout=120,
        headers={**AUTH, "Content-Type": "application/json"},
    )


def assert_polite(reply):
    assert reply.status_code == 200, reply.text[:300]
    messages = reply.json()
    assert messages, "the bot did not answer"
    for message in messages:
        text = message.get("text", "")
        assert text.strip()
        for word in FORBIDDEN:
            assert word not in text, f"{word!r} in reply: {text[:300]}"


HOSTILE = {
    "empty": "",
    "whitespace": "   \t\n  ",
    "emoji only": "🙂🙂🌍🔥",
    "10 kB paste": ("Our supplier audit report says the following. " * 220)[:10_000],
    "control characters": "hallo\x00\x07\x1b[31m wereld\x08",
    "html and script": "<script>alert('x')</script><img src=x onerror=alert(1)> wat is een actieplan?",
    "sql in a supplier name": "what should we do about Robert'); DROP TABLE suppliers;--",
    "sql in the supplier answer": "x' OR '1'='1",
    "mixed languages": "Hallo, can you help me met een actieplan for our leverancier in China?",
    "right-to-left and zero-width": "\u202eevil\u200b\u200d text",
    "very long word": "a" * 5000,
}
# What every good answer to each has: its language (None: either) and the acceptable starts (None: any polite
# answer). Only the message over the limit has one specified reply; the rest is noise or half a question, and a
# good model may read it as unclear (the likeliest topics), as nothing asked (what next?) or as the question it
# half asks, so the test accepts each of those and checks what matters: polite, the right language, nothing leaked
# or echoed, no supplier's data.
# (a model trained with SEED=2 asks to rephrase)
EN_ANY_NOISE = (EN_WHAT_NEXT, EN_CLARIFY, EN_REPHRASE, EN_OUT_OF_SCOPE)
ACCEPTABLE = {
    "empty": ("en", EN_ANY_NOISE),
    "whitespace": ("en", EN_ANY_NOISE),
    "emoji only": ("en", (EN_REPHRASE,)),  # no words: asked to rephrase, whatever the model guessed
    "10 kB paste": ("en", (EN_TOO_LONG,)),  # over the limit: asked to shorten it, naming the limit
    "control characters": ("nl", None),  # "hallo … wereld": Dutch words, a Dutch answer
    "html and script": ("nl", (NL_ACTION_PLAN, NL_CLARIFY)),  # "… wat is een actieplan?"
    "sql in a supplier name": ("en", None),
    "sql in the supplier answer": ("en", None),
    "mixed languages": (None, None),
    "right-to-left and zero-width": ("en", None),
    "very long word": ("en", None),
}
# How an answer with a supplier's record or advice begins (a supplier named as an example is no data).
RECORD_DATA = ("From your records", "Uit jullie gegevens", "Advice for", "Advies voor")
# What no answer may repeat of the input.
NOT_ECHOED = ("<script", "onerror", "DROP TABLE", "\u202e", "\u200b", "\x00", "\x1b", "a" * 200)


def assert_good_answer(name, messages):
    language, starts = ACCEPTABLE[name]
    text = "\n".join(m.get("text", "") for m in messages)
    for echoed in NOT_ECHOED:
        assert echoed not in text, f"{echoed!r} echoed: {text[:300]}"
    assert not any(marker in text for marker in RECORD_DATA), f"a supplier's data for {name!r}: {text[:300]}"
    if language:
        assert reads_as(text) in (language, None), f"expected {language}: {text[:300]}"
    if starts:
        assert messages[0]["text"].startswith(starts), messages[0]["text"][:300]


@pytest.mark.model
@pytest.mark.servers
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_gets_a_polite_answer(servers, name):
    """Odd or hostile input gets a polite answer in the right language, with nothing leaked or echoed."""
    reply = post(servers, {"sender": f"hostile-{uuid.uuid4().hex[:8]}", "message": HOSTILE[name]})
    assert_polite(reply)
    assert_good_answer(name, reply.json())


def test_every_hostile_text_has_its_acceptable_answers():
    """A new hostile input needs what a good answer to it has typed in too."""
    assert set(ACCEPTABLE) == set(HOSTILE)


@pytest.mark.model
@pytest.mark.servers
def test_markup_in_a_supplier_name_is_not_echoed(servers):
    """A supplier name with markup is repeated without it in "I can't find a supplier called …"."""
    chat = Conversation(servers)
    # the supplier-advice topic as its button sends it: this test is about the answer, not about reading the question
    assert chat.say("/ask_supplier_advice") == EN_ASK_SUPPLIER
    # the tags are read past: the name is what the user meant, and nothing of the markup comes back
    reply = chat.say("<b>Acme Widgets</b>")
    assert reply.startswith("I can't find a supplier called 'Acme Widgets' in your records."), reply[:300]
    chat.say("/ask_supplier_advice")
    reply = chat.say("<b onmouseover=alert(1)>Evil Corp</b>")
    assert "<" not in reply and ">" not in reply and "onmouseover" not in reply, reply[:300]


def test_supplier_not_found_message_repeats_the_name_without_markup(demo_db, monkeypatch):
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.respond import ActionRespond

    monkeypatch.setenv("DATABASE_URL", demo_db)
    typed = "<script>alert(1)</script>Evil {Corp}"
    tracker = Tracker(
        "u",
        {},
        {"text": typed, "intent": {"name": "inform"}, "entities": [{"entity": "supplier", "value": typed}]},
        [],
        False,
        None,
        None,
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    events = ActionRespond().run(dispatcher, tracker, {})
    assert not [e for e in events if e.get("name") == "supplier_id"]  # nothing is chosen
    assert [m["response"] for m in dispatcher.messages] == ["utter_supplier_not_found"]
    assert dispatcher.messages[0]["name"] == "scriptalert(1)/scriptEvil Corp"


QUESTIONS = {
    "country advice: country": "utter_ask_country",
    "ncp: company country": "utter_ask_company_country",
    "ncp: harm country": "utter_ask_harm_country",
}


@pytest.mark.parametrize(
    "typed, echoed",
    [
        pytest.param("<img src=x onerror=alert(1)>Atlantis", "img src=x onerror=alert(1)Atlantis", id="markup"),
        pytest.param(
            "<b>" + "Atlantis " * 30 + "</b>",
            "bAtlantis Atlantis Atlantis Atlantis Atlantis Atlantis Atlantis Atlantis Atlanti…",
            id="long",
        ),
    ],
)
@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_unknown_country_is_repeated_without_markup_and_cut_short(question, typed, echoed):
    """The reply "I don't recognise '…' as a country" repeats the user's answer without < or >, cut to 80
    characters, and asks the same question again."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.respond import ActionRespond

    message = {"text": typed, "intent": {"name": "inform"}, "entities": []}
    events = [
        {"event": "bot", "text": "?", "metadata": {"utter_action": QUESTIONS[question]}},
        {"event": "user", "text": typed, "parse_data": message},
    ]
    tracker = Tracker("u", {"language": "nl"}, message, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    assert ActionRespond().run(dispatcher, tracker, {}) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_country_not_recognised", QUESTIONS[question]]
    value = dispatcher.messages[0]["value"]
    assert value == echoed
    assert "<" not in value and ">" not in value and len(value) <= 81


@pytest.mark.model
@pytest.mark.servers
@pytest.mark.parametrize(
    "body, status",
    [
        (b"\xff\xfe not utf-8 \x80", 400),
        (b"{not json", 400),
        (json.dumps({"sender": "x"}).encode(), 400),
        (json.dumps({"sender": "x", "message": 42}).encode(), 400),
        (json.dumps(["a list"]).encode(), 400),
        (json.dumps({"sender": "x", "message": "a" * 1_000_000}).encode(), 413),
    ],
)
def test_malformed_requests_get_a_clear_4xx(servers, body, status):
    reply = post(servers, body, raw=True)
    assert reply.status_code == status
    assert "error" in reply.json() and "Traceback" not in reply.text


@pytest.mark.model
@pytest.mark.servers
def test_rapid_repeats_from_one_user_all_get_answers(servers):
    sender = f"rapid-{uuid.uuid4().hex[:8]}"
    results = []

    def send(i):
        results.append(post(servers, {"sender": sender, "message": "wat is een actieplan?"}))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == 12
    for reply in results:
        assert_polite(reply)
        assert reply.json()[0]["text"].startswith(NL_ACTION_PLAN)
    assert requests.get(servers.rasa_url + "/", timeout=10).status_code == 200


@pytest.mark.model
@pytest.mark.servers
def test_hostile_text_over_socketio(servers):
    import socketio

    client = socketio.Client(reconnection=False)
    received = []
    confirmed = threading.Event()
    client.on("session_confirm", lambda data: confirmed.set())
    client.on("bot_uttered", lambda data: received.append(data))
    client.connect(servers.rasa_url, transports=["polling"], socketio_path="/socket.io")
    try:
        session = uuid.uuid4().hex
        client.emit("session_request", {"session_id": session})
        assert confirmed.wait(20)
        # content-free messages: any polite English answer that echoes nothing and shows no record is a good one
        # (read as nothing asked, as unclear, or, by a model trained with SEED=1, "<script>" as a plan request)
        for text in ("<script>alert(1)</script>", "", "🙂" * 50, "x\x00y"):
            before = len(received)
            client.emit("user_uttered", {"message": text, "session_id": session})
            deadline = time.time() + 30
            while len(received) == before and time.time() < deadline:
                time.sleep(0.2)
            assert len(received) > before, f"no answer to {text!r}"
            answer = received[before].get("text", "")
            assert answer.strip() and reads_as(answer) in ("en", None), f"{text!r}: {received[before]}"
            assert not any(marker in answer for marker in RECORD_DATA + NOT_ECHOED), f"{text!r}: {answer[:300]}"
        for message in received:
            assert "<script" not in message.get("text", "") and "Traceback" not in message.get("text", "")
    finally:
        client.disconnect()


# --- outages -----------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.servers
def test_action_server_down_gets_a_polite_answer_and_the_conversation_continues(servers):
    chat = Conversation(servers)
    assert chat.say("hallo")  # a normal start
    servers.stop_actions()
    try:
        reply = chat.say("Wat moeten we doen aan Lotus Weaving?")
        assert NL_SERVICE_DOWN in reply
        # a step-3 topic still gets its general answer, after the apology
        reply = chat.say("wat is een actieplan?")
        assert reply.startswith(NL_SERVICE_DOWN) and NL_ACTION_PLAN in reply
    finally:
        servers.start_actions()
    assert "Advies voor Lotus Weaving" in chat.say("Wat moeten we doen aan Lotus Weaving?")


@pytest.mark.model
@pytest.mark.servers
def test_slow_action_server_gets_a_polite_answer_in_time(servers):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class NeverOnTime(BaseHTTPRequestHandler):
        def do_POST(self):
            time.sleep(30)

        def log_message(self, *args):
            pass

    chat = Conversation(servers)
    chat.say("hello")
    servers.stop_actions()
    slow = ThreadingHTTPServer(("127.0.0.1", servers.action_port), NeverOnTime)
    slow.daemon_threads = True
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    try:
        started = time.time()
        reply = chat.say("which suppliers do we have in China?")
        assert EN_SERVICE_DOWN in reply
        assert time.time() - started < 25  # ACTION_TIMEOUT_SECONDS=8 in the test servers
    finally:
        slow.shutdown()
        slow.server_close()
        servers.start_actions()
    assert "Golden Dragon Electronics" in chat.say("which suppliers do we have in China?")


@pytest.mark.model
@pytest.mark.servers
def test_cors_allows_only_the_configured_origin(servers):
    allowed = f"http://127.0.0.1:{servers.web_port}"
    for origin, expected in ((allowed, allowed), ("http://evil.example", None)):
        reply = requests.options(
            servers.rasa_url + "/webhooks/rest/webhook",
            timeout=10,
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        assert reply.headers.get("Access-Control-Allow-Origin") == expected


def test_database_unreachable_gets_a_polite_answer(monkeypatch):
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.respond import ActionRespond

    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    tracker = Tracker(
        "u",
        {"supplier_id": 1.0, "supplier_in_focus": True, "language": "en"},
        {"text": "x", "intent": {"name": "ask_leverage"}, "entities": []},
        [],
        False,
        None,
        None,
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    assert ActionRespond().run(dispatcher, tracker, {}) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_lookup_unavailable"]


def test_unreachable_tracker_store_stops_start_up_with_a_clear_message(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: ${TRACKER_HOST}\n  db: none\n", encoding="utf-8"
    )
    env = {
        **os.environ,
        "ENDPOINTS": str(endpoints),
        "TRACKER_HOST": "127.0.0.1:1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
    }
    result = subprocess.run(
        [PYTHON, "-m", "scripts.check_services"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "tracker store" in result.stderr and "127.0.0.1:1" in result.stderr and str(endpoints) in result.stderr
    assert "Traceback" not in result.stderr


# --- access ----------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.servers
def test_http_api_is_off_without_a_token(servers):
    for path in ("/conversations/anyone/tracker", "/model/parse", "/status"):
        assert requests.get(servers.rasa_url + path, timeout=10).status_code in (404, 405)


def test_no_secrets_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    import re

    patterns = (
        r"xox[abpr]-\d+-",
        r"-----BEGIN [A-Z ]*PRIVATE KEY-----",
        r"AKIA[0-9A-Z]{16}",
        r"(?i)(password|secret|token)\s*[:=]\s*['\"][^'\"$]{8,}['\"]",
    )
    for name in tracked:
        path = ROOT / name
        if path.suffix in (".png", ".gz") or not path.is_file() or "tests/" in name or "node_modules" in name:
            continue
        content = path.read_text(encoding="utf-8", errors="ignore")
        for pattern in patterns:
            assert not re.search(pattern, content), f"{name} matches {pattern}"


# --- data safety -----------------------------------------------------------------------


def test_killed_import_leaves_the_table_as_before(tmp_path):
    from actions.records import migrate, supplier_csv
    from actions.records.database import get_engine
    from benchmarks.records_bench import write_csv

    url = f"sqlite:///{tmp_path / 'kill.db'}"
    migrate.upgrade(url)
    supplier_csv.import_file(ROOT / "demo" / "suppliers.csv", url)
    big = tmp_path / "big.csv"
    write_csv(big, 20_000)  # its transaction writes about 4 MB to the log, so it is killed a quarter of the way
    cli = [PYTHON, "-m", "actions.records.cli", "import-suppliers", str(big), "--database-url", url]
    wal = tmp_path / "kill.db-wal"
    start_size = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(cli, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # kill it in the middle of writing: once its transaction has put 1 MB into the write-ahead log
    deadline = time.time() + 120
    while time.time() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > start_size + 1_000_000:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the import finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()
    get_engine(url).dispose()
    with sqlite3.connect(tmp_path / "kill.db") as connection:
        assert connection.execute("SELECT count(*) FROM suppliers").fetchone()[0] == 46


def test_backup_and_restore_of_the_embedded_database(tmp_path):
    from actions.records import migrate, supplier_csv

    url = f"sqlite:///{tmp_path / 'live.db'}"
    migrate.upgrade(url)
    supplier_csv.import_file(ROOT / "demo" / "suppliers.csv", url)
    cli = [PYTHON, "-m", "actions.records.cli"]
    env = {**os.environ, "DATABASE_URL": url}
    backup = tmp_path / "backups" / "imvo.db"
    assert subprocess.run(cli + ["backup", str(backup)], cwd=ROOT, env=env, capture_output=True).returncode == 0
    with sqlite3.connect(tmp_path / "live.db") as connection:
        connection.execute("DELETE FROM suppliers")
    bad = tmp_path / "not-a-backup.db"
    bad.write_text("hello")
    refused = subprocess.run(cli + ["restore", str(bad)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert refused.returncode == 1 and "not an SQLite database" in refused.stderr
    restored = subprocess.run(cli + ["restore", str(backup)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert restored.returncode == 0, restored.stderr
    with sqlite3.connect(tmp_path / "live.db") as connection:
        assert connection.execute("SELECT count(*) FROM suppliers").fetchone()[0] == 46


# --- privacy ---------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.servers
def test_a_conversation_can_be_forgotten_on_request(servers):
    keep, forget = Conversation(servers), Conversation(servers)
    keep.say("hallo")
    forget.say("Mijn contactpersoon Jan Jansen bij Lotus Weaving zegt dat er kinderarbeid is")
    tracker_db = servers.tracker_db

    def rows(sender):
        with sqlite3.connect(tracker_db) as connection:
            return connection.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]

    assert rows(forget.sender) > 0 and rows(keep.sender) > 0
    result = subprocess.run(
        [PYTHON, "-m", "actions.records.cli", "forget-conversation", forget.sender],
        cwd=ROOT,
        env=servers.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "deleted" in result.stdout
    assert rows(forget.sender) == 0 and rows(keep.sender) > 0


def test_old_conversations_can_be_purged(tmp_path):
    from actions.records.conversations import purge_conversations

    database = tmp_path / "tracker.db"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, timestamp REAL)")
        connection.executemany(
            "INSERT INTO events (sender_id, timestamp) VALUES (?, ?)",
            [("old", time.time() - 100 * 86400), ("new", time.time() - 3600)],
        )
    assert purge_conversations(90, f"sqlite:///{database}") == 1
    with sqlite3.connect(database) as connection:
        assert [r[0] for r in connection.execute("SELECT sender_id FROM events")] == ["new"]
