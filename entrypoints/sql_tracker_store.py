"""Rasa's SQL tracker store with its database work off the Rasa server's event loop.

Rasa's SQLTrackerStore reads and writes conversations with synchronous SQLAlchemy calls inside
`async` methods, so while one conversation is saved (an SQLite commit waits for the disk) no
other conversation is parsed or answered. Under 10 concurrent conversations that was a third of
the Rasa server's busy time (py-spy, benchmarks/RESULTS.md). Here the same queries run in a
worker thread; the loop goes on with other conversations. Rasa's lock store still lets only one
message per conversation through at a time, so a conversation's own reads and writes keep their
order.

SQLite (the embedded default) runs in WAL mode (set by scripts/check_services.py) with
`synchronous=NORMAL`, SQLite's recommended setting for WAL: a commit no longer waits for the
disk; a crash of the server loses nothing, a power cut may lose the last turns. Its connections
are kept in a pool (Rasa's engine opened a new one for every query: SQLAlchemy 1.4's NullPool).

Used as `type: entrypoints.sql_tracker_store.ThreadedSQLTrackerStore` in the endpoints files,
with the same settings as Rasa's `type: SQL`.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class ThreadedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            # connections are shared by the worker threads, one at a time each
            self.engine = create_engine(url, poolclass=QueuePool, connect_args={"check_same_thread": False})
            event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)  # an event broker stays on the loop
        await asyncio.to_thread(self._save_new_events, tracker)

    def _save_new_events(self, tracker: DialogueStateTracker) -> None:
        """What SQLTrackerStore.save writes: the events not stored yet, in one commit."""
        with self.session_scope() as session:
            for tracker_event in self._additional_events(session, tracker):
                data = tracker_event.as_dict()
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=tracker_event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {}).get("intent", {}).get("name"),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        return await asyncio.to_thread(self._load, sender_id, fetch_events_from_all_sessions)

    def _load(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """What SQLTrackerStore._retrieve returns: the conversation rebuilt from its stored events, or None."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions).all()
            events = [json.loads(row.data) for row in rows]
        if not self.domain or not events:
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
