"""Nothing is lost when the Rasa server restarts: the conversation store is SQL (the embedded SQLite file by
default, PostgreSQL by setting), so a conversation continues with its language, the supplier in focus and the
question the bot had just asked. Each store gets its own servers; the Rasa server is stopped as a deployment
stops it (SIGTERM) and a new process is started on the same store. (SQLite: the session's servers; PostgreSQL:
servers of its own. One restart per store: starting Rasa is the slow part.)"""

from __future__ import annotations

import pytest
import sqlalchemy

from tests.conftest import _postgres_database
from tests.servers import Conversation, start_servers

pytestmark = [pytest.mark.model, pytest.mark.servers]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def restartable(request, model_path, tmp_path_factory):
    if request.param == "sqlite":
        yield request.getfixturevalue("servers")
        return
    workdir = tmp_path_factory.mktemp("restart-postgresql")
    admin, name, url = _postgres_database()
    parts = sqlalchemy.engine.make_url(url)
    tracker_store = {
        "type": "SQL",
        "dialect": "postgresql",
        "url": parts.host,
        "port": parts.port or 5432,
        "db": parts.database,
        "username": parts.username or "",
        "password": parts.password or "",
    }
    running = start_servers(workdir, model_path, f"sqlite:///{workdir / 'imvo.db'}", tracker_store=tracker_store)
    try:
        yield running
    finally:
        running.stop()
        with admin.connect() as connection:
            connection.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_conversations_continue_with_language_supplier_and_open_question_after_a_rasa_restart(restartable, model_path):
    dutch, ncp = Conversation(restartable), Conversation(restartable)
    assert "Advies voor Riverbank Knitwear" in dutch.say("Wat moeten we doen aan Riverbank Knitwear?")
    assert "Shall I work out which NCP" in ncp.say("I want to file a complaint with the NCP")
    restartable.restart_rasa(model_path)
    # the language and the supplier in focus
    assert "Uit jullie gegevens over Riverbank Knitwear" in dutch.say("wanneer zijn ze voor het laatst geaudit?")
    # the offer the bot had just made, then its first question
    assert "In which country is the company that the complaint is about based?" in ncp.say("yes please")
    assert "In which country does the harm (the breach) happen?" in ncp.say("the netherlands"), ncp.transcript
