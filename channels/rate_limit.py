"""Politely slowing down one sender who sends too many messages: one limiter for every channel.

At most RATE_LIMIT_MESSAGES (default 20) messages per sender in RATE_LIMIT_SECONDS (default 60),
a sliding window; RATE_LIMIT_MESSAGES=0 turns it off. A message over the limit does not reach the
model: REST answers HTTP 429 with Retry-After, the other channels send a bot message (texts.yml).
The counts are kept in this process's memory, so each Rasa server process (a cluster has several)
counts on its own; docs/sign-in.md says so.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections import deque
from typing import Callable, Deque, Dict, Optional

MAX_SENDERS = 50_000  # beyond this, the senders quiet the longest are forgotten first


class RateLimiter:
    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._seen: Dict[str, Deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, sender: str) -> Optional[int]:
        """None when this message may go on (and it is counted); else the seconds until one may."""
        if self.limit <= 0:
            return None
        now = self.clock()
        with self._lock:
            times = self._seen.pop(sender, None) or deque()
            while times and times[0] <= now - self.window:
                times.popleft()
            self._seen[sender] = times  # re-inserted: the dict's order is least recently active first
            if len(times) >= self.limit:
                return max(1, math.ceil(times[0] + self.window - now))
            times.append(now)
            while len(self._seen) > MAX_SENDERS:
                del self._seen[next(iter(self._seen))]
            return None


def _setting(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, str(default)))
    except ValueError:
        return default


_limiter: Optional[RateLimiter] = None


def limiter() -> RateLimiter:
    """The process's one limiter, with the settings read at first use."""
    global _limiter
    if _limiter is None:
        _limiter = RateLimiter(int(_setting("RATE_LIMIT_MESSAGES", 20)), _setting("RATE_LIMIT_SECONDS", 60))
    return _limiter


def retry_after(channel: str, sender: str) -> Optional[int]:
    return limiter().retry_after(f"{channel}:{sender}")
