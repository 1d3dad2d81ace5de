"""Synchronous actions run in a thread pool, not on the action server's event loop.

rasa_sdk awaits an async `run` but calls a synchronous one directly on its event loop,
so one slow advice (database reads, composing the reply) holds up every other
conversation. Every action in this project has a synchronous `run`; rather than
rewrite each of them, the action server registers each such `run` wrapped in a
coroutine that hands the call to a thread pool. Each call gets its own dispatcher,
tracker and database session, so the calls share nothing mutable.
"""

from __future__ import annotations

import asyncio
import functools
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from rasa_sdk.executor import ActionExecutor

_original_register_function = ActionExecutor.register_function
_pool: ThreadPoolExecutor | None = None


def pool_size() -> int:
    """ACTION_THREADS (default 8): enough to overlap database waits on two cores
    without piling up more work than the CPUs can finish."""
    try:
        return max(1, int(os.environ.get("ACTION_THREADS", "8")))
    except ValueError:
        return 8


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=pool_size(), thread_name_prefix="action")
    return _pool


def in_thread(run: Callable[..., Any]) -> Callable[..., Any]:
    """An async function with the same three arguments that runs `run` in the pool."""

    @functools.wraps(run)
    async def run_in_pool(dispatcher: Any, tracker: Any, domain: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(_executor(), run, dispatcher, tracker, domain)

    return run_in_pool


def _register_function(self: ActionExecutor, name: str, f: Callable[..., Any]) -> None:
    if not asyncio.iscoroutinefunction(f):
        f = in_thread(f)
    _original_register_function(self, name, f)


def install() -> None:
    if ActionExecutor.register_function is not _register_function:
        ActionExecutor.register_function = _register_function
