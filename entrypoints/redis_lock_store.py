"""A Redis lock store whose ticket changes are atomic across processes.

Rasa's RedisLockStore issues and returns a conversation's tickets by reading the lock,
changing it and writing it back. Two Rasa servers that get turns of one conversation at the
same moment can both read "no tickets", both take ticket 0 and handle the turns at once; the
SQL tracker store then keeps only one of the two user messages (seen in tests/test_cluster.py).
Here each change is a Redis transaction (WATCH/MULTI): a change that races another is retried.

A waiting turn also keeps its own ticket alive. In Rasa's store a ticket's lifetime runs from the moment it is
issued, waiting included: when a server dies mid-turn and nginx hands the same message to another server, the new
ticket expires in the same second as the dead one, the waiting turn no longer finds its ticket among the live ones
and waits until Sanic gives up (60 s, an empty answer). Here the dead server's ticket expires and the waiting turn
is served next.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Callable, TypeVar

import redis
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Callable[[TicketLock], T]) -> T:
        """Applies `change` to the conversation's lock in one transaction; a lock without tickets is removed."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(stored)) if stored else TicketLock(conversation_id)
                    result = change(lock)
                    pipe.multi()
                    if lock.is_someone_waiting():
                        pipe.set(key, lock.dumps())
                    else:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another process changed the lock meanwhile: read it again

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))
        except redis.RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        while True:
            lock = self._change(conversation_id, lambda lock: _keep_alive(lock, ticket))
            if lock.now_serving == ticket:
                return lock
            await asyncio.sleep(wait_time_in_seconds)


def _keep_alive(lock: TicketLock, ticket: int) -> TicketLock:
    """The lock without expired tickets, with `ticket` (whose turn is still waiting) valid for a lifetime from now."""
    lock.remove_expired_tickets()
    lock.tickets = [t for t in lock.tickets if t.number != ticket]
    lock.tickets.append(Ticket(ticket, time.time() + LOCK_LIFETIME))
    lock.tickets.sort(key=lambda t: t.number)
    return lock
