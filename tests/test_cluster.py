"""`make cluster`: two Rasa servers behind nginx, a Redis lock store, conversations in PostgreSQL and in the
embedded SQLite file (each test runs on both).
Nothing is lost: a conversation continues on another process with its language and supplier,
turns sent to two processes at once are handled one after the other, and killing one server
under load loses no message: the other server answers every one."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import List

import pytest
import requests
import sqlalchemy

from tests.conftest import _postgres_database, skip_loudly
from tests.servers import PYTHON, ROOT, free_port

pytestmark = [pytest.mark.model, pytest.mark.servers]


def nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        message = "nginx is missing (make system-packages installs Debian's nginx)"
        skip_loudly("cluster tests", message)
    return found


class Cluster:
    def __init__(self, var: Path, port: int, tracker_url: str) -> None:
        self.var, self.url, self.tracker_url = var, f"http://127.0.0.1:{port}", tracker_url

    def server_url(self, number: int) -> str:
        return f"http://127.0.0.1:{(self.var / f'rasa-{number}.port').read_text().strip()}"

    def kill_server(self, number: int) -> None:
        os.kill(int((self.var / f"rasa-{number}.pid").read_text()), signal.SIGKILL)

    def say(self, text: str, sender: str, url: str = "") -> requests.Response:
        return requests.post(
            (url or self.url) + "/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            headers={"X-Conversation-Id": sender},
            timeout=120,
        )

    def events(self, sender: str) -> List[dict]:
        """The stored events of one conversation, in the order they were saved."""
        engine = sqlalchemy.create_engine(self.tracker_url, future=True)
        try:
            with engine.connect() as connection:
                rows = connection.execute(
                    sqlalchemy.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
                )
                return [json.loads(data) for (data,) in rows]
        finally:
            engine.dispose()


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def cluster(request, model_path, redis_server, tmp_path_factory):
    nginx()
    var = tmp_path_factory.mktemp(f"cluster-{request.param}")
    if request.param == "postgresql":
        admin, name, tracker_url = _postgres_database()
        url = sqlalchemy.engine.make_url(tracker_url)
        tracker = {
            "TRACKER_DIALECT": "postgresql",
            "TRACKER_HOST": url.host,
            "TRACKER_DB": name,
            "TRACKER_USER": url.username or "",
            "TRACKER_PASSWORD": url.password or "",
        }
    else:
        admin, name, tracker_url = None, "", f"sqlite:///{var / 'tracker.db'}"
        tracker = {"TRACKER_DIALECT": "sqlite", "TRACKER_DB": str(var / "tracker.db")}
    port = free_port()
    env = {
        **os.environ,
        "PY": PYTHON,
        "MODEL": str(model_path),
        "RASA_PORT": str(port),
        "ACTION_PORT": str(free_port()),
        "WEB_PORT": str(free_port()),
        "CLUSTER_VAR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'imvo.db'}",
        "REDIS_HOST": redis_server[0],
        "REDIS_PORT": redis_server[1],
        **tracker,
        "RASA_TELEMETRY_ENABLED": "false",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        # A killed server's lock ticket holds its conversation until it expires: shorter than make cluster's 30 s
        # so the test is quick, and still longer than a turn (the action timeout), as cluster.sh requires.
        "ACTION_TIMEOUT_SECONDS": "6",
        "TICKET_LOCK_LIFETIME": "10",
    }
    log = var / "cluster.log"
    process = subprocess.Popen(  # its own process group: whatever it started is stopped with it
        ["scripts/cluster.sh"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    running = Cluster(var, port, tracker_url)
    try:
        deadline = time.time() + 400
        while "Press Ctrl-C to stop." not in log.read_text():
            if process.poll() is not None or time.time() > deadline:
                pytest.fail(f"make cluster did not start:\n{log.read_text()[-4000:]}")
            time.sleep(1)
        for number in (1, 2):  # the first message of each server compiles its graph
            running.say("hallo", f"warm-up-{number}", running.server_url(number)).raise_for_status()
        yield running
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: the script stops everything it started
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
        try:  # and nothing it started outlives the test (servers, action workers, nginx)
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if admin is not None:
            with admin.connect() as connection:
                connection.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def user_texts(events: List[dict]) -> List[str]:
    return [e["text"] for e in events if e["event"] == "user"]


def test_a_conversation_continues_on_the_other_server_with_its_language_and_supplier(cluster):
    sender = f"switch-{uuid.uuid4().hex[:8]}"
    first = cluster.say("Wat moeten we doen aan Riverbank Knitwear?", sender, cluster.server_url(1))
    assert "Advies voor Riverbank Knitwear" in first.text
    second = cluster.say("wanneer zijn ze voor het laatst geaudit?", sender, cluster.server_url(2))
    assert "Uit jullie gegevens over Riverbank Knitwear" in second.text


def test_turns_sent_to_two_servers_at_once_are_handled_one_after_the_other(cluster):
    sender = f"order-{uuid.uuid4().hex[:8]}"
    texts = ["what does prevent, mitigate or stop mean?", "how do we draw up an action plan?"]
    with ThreadPoolExecutor(2) as pool:
        replies = list(pool.map(lambda i: cluster.say(texts[i], sender, cluster.server_url(i + 1)), (0, 1)))
    assert [r.status_code for r in replies] == [200, 200] and all(r.json() for r in replies)
    events = cluster.events(sender)
    assert sorted(user_texts(events)) == sorted(texts)
    # each turn is complete (its answer, then listening) before the next user message is read
    for index, event in enumerate(events):
        if event["event"] == "user" and index > 0:
            before = events[index - 1]
            assert before["event"] == "action" and before["name"] == "action_listen", events
    assert [e["event"] for e in events].count("bot") >= 2


def test_killing_one_server_under_load_loses_no_message(cluster):
    """Runs last in this module: it leaves one server."""
    senders = [f"kill-{uuid.uuid4().hex[:8]}" for _ in range(8)]
    texts = [  # four turns each: the load outlasts the kill, and the test stays bounded in time
        "what does prevent, mitigate or stop mean?",
        "does this cost money?",
        "which risks first?",
        "when do we end a relationship?",
    ]

    def conversation(sender: str) -> List[tuple]:
        results = []
        for text in texts:
            try:
                reply = cluster.say(text, sender)
                # answered: a reply with messages (Rasa answers 200 and nothing when it gave up waiting)
                results.append((text, reply.status_code if reply.ok and reply.json() else None))
            except requests.RequestException:
                results.append((text, None))
        return results

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(conversation, sender) for sender in senders]
        time.sleep(0.5)  # mid-load: the conversations take several seconds
        assert not all(future.done() for future in futures), "the load was over before the kill"
        cluster.kill_server(1)
        outcomes = {sender: future.result() for sender, future in zip(senders, futures, strict=True)}
    for sender, results in outcomes.items():
        stored = user_texts(cluster.events(sender))
        for text, status in results:
            # nginx hands a message the killed server was handling to the other one, which answers it once the
            # killed server's lock ticket expires
            assert status == 200, f"{sender}: '{text}' got no answer"
            assert text in stored, f"{sender}: '{text}' was answered but is not in the conversation"
    # and every conversation goes on
    for sender in senders:
        reply = cluster.say("thanks", sender)
        assert reply.status_code == 200 and reply.json(), sender
