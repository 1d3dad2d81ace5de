"""Shared fixtures: the trained model, databases (SQLite and PostgreSQL) and running servers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "imvo-assistant.tar.gz"
IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_loudly(what: str, message: str) -> None:
    """Missing infrastructure: a loud skip on a developer's machine, a failure in CI (CI=true never skips)."""
    if IN_CI:
        pytest.fail(f"{message} (CI=true: {what} must not be skipped)")
    print(f"\n*** SKIPPING {what}: {message} ***\n", file=sys.stderr)
    pytest.skip(message)


os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")


# The files that take longest (their own servers, clusters or restarts; `pytest --durations`), first: xdist hands
# out whole files in collection order, so a long file collected last kept one worker busy while the other waited.
LONG_FILES = (
    "test_cluster.py",
    "test_sign_in_servers.py",
    "test_restart.py",
    "test_robustness.py",
    "test_nlu_holdout.py",
    "test_realistic_conversations.py",
    "test_dialogue_stories.py",
)


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        name = item.path.name
        return LONG_FILES.index(name) if name in LONG_FILES else len(LONG_FILES)

    items.sort(key=rank)  # stable: the rest keep their order


def pytest_terminal_summary(terminalreporter):
    """Skipped tests are easy to miss in a long run: name them, and the command that enables them."""
    skipped = terminalreporter.stats.get("skipped", [])
    browser = [r for r in skipped if "browser" in r.keywords]
    if browser:
        terminalreporter.write_sep("*", f"{len(browser)} BROWSER TESTS SKIPPED", red=True)
        for report in browser:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
            terminalreporter.write_line(f"  {report.nodeid}: {reason.removeprefix('Skipped: ')}")
        terminalreporter.write_line("  Each reason names what enables those tests (then make test again).")


def pytest_report_header(config):
    return [f"model: {MODEL if MODEL.exists() else 'missing (run make train)'}", f"CI: {IN_CI}"]


@pytest.fixture(scope="session")
def model_path() -> Path:
    if not MODEL.exists():
        pytest.fail("No trained model: run `make test` (it trains first) or `make train`.")
    return MODEL


REST_TOKEN = "test-rest-token"
SLACK_TOKEN = "xoxb-test-token"
SLACK_SECRET = "test-signing-secret"
TEAMS_APP = ("11111111-2222-3333-4444-555555555555", "test-app-password", "test-tenant")


@pytest.fixture(scope="session")
def fake_slack():
    from tests.fakes import FakeSlackApi

    fake = FakeSlackApi(SLACK_TOKEN)
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def fake_bot_framework():
    from tests.fakes import FakeBotFramework

    fake = FakeBotFramework(*TEAMS_APP)
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def servers(model_path, tmp_path_factory, fake_slack, fake_bot_framework):
    """The real action server and Rasa server, with the demo data in a fresh SQLite file;
    Slack and Teams configured against local fakes of their services."""
    from tests.servers import start_servers

    workdir = tmp_path_factory.mktemp("servers")
    channels = {
        "ACTION_TIMEOUT_SECONDS": "8",
        # long scripted conversations send faster than a person; the limit is tested on its own server
        "RATE_LIMIT_MESSAGES": "0",
        "REST_API_TOKEN": REST_TOKEN,
        "SLACK_TEAM_ID": "T0TEST",
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_API_URL": fake_slack.url + "/api/",
        "BOTFRAMEWORK_APP_ID": TEAMS_APP[0],
        "BOTFRAMEWORK_APP_PASSWORD": TEAMS_APP[1],
        "BOTFRAMEWORK_TENANT_ID": TEAMS_APP[2],
        "BOTFRAMEWORK_OPENID_URL": fake_bot_framework.url + "/.well-known/openidconfiguration",
        "BOTFRAMEWORK_LOGIN_URL": fake_bot_framework.url,
    }
    running = start_servers(workdir, model_path, f"sqlite:///{workdir / 'imvo.db'}", extra_env=channels)
    yield running
    running.stop()


@pytest.fixture
def chat(servers):
    from tests.servers import Conversation

    return Conversation(servers)


POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _postgres_database():
    """A fresh, empty PostgreSQL database for this test session; dropped afterwards."""
    import uuid

    import sqlalchemy

    name = f"imvo_test_{uuid.uuid4().hex[:10]}"
    admin = sqlalchemy.create_engine(
        POSTGRES_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
    )
    try:
        with admin.connect() as connection:
            connection.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    except sqlalchemy.exc.OperationalError as error:
        admin.dispose()
        message = f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {error.orig}"
        skip_loudly("PostgreSQL tests", message)
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    return admin, name, url


REDIS_HOST, REDIS_PORT = os.environ.get("TEST_REDIS", "127.0.0.1:6379").split(":")


@pytest.fixture(scope="session")
def redis_server():
    """(host, port) of a running Redis; skipped loudly locally when there is none, never in CI."""
    import redis

    try:
        redis.Redis(host=REDIS_HOST, port=int(REDIS_PORT), socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        message = f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT}: {error}"
        skip_loudly("Redis tests", message)
    return REDIS_HOST, REDIS_PORT


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    """An empty database of each kind, migrated to the current schema."""
    from actions.records import migrate
    from actions.records.database import get_engine

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'imvo.db'}"
        migrate.upgrade(url)
        yield url
        get_engine(url).dispose()
        return
    admin, name, url = _postgres_database()
    migrate.upgrade(url)
    yield url
    get_engine(url).dispose()
    with admin.connect() as connection:
        import sqlalchemy

        connection.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def empty_db(database_url):
    """The session database with no suppliers."""
    from sqlalchemy import delete

    from actions.records.database import session_scope
    from actions.records.models import Supplier
    from actions.records.versions import bump_version

    with session_scope(database_url) as session:
        session.execute(delete(Supplier))
        bump_version(session, "suppliers")
    return database_url


@pytest.fixture
def demo_db(empty_db):
    from actions.records import supplier_csv

    supplier_csv.import_file(ROOT / "demo" / "suppliers.csv", empty_db)
    return empty_db
