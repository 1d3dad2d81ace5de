"""What each action-server process computes once, done at start instead of at the first request.

The reference tables, the advice wording (wording.yml, parsed by pure-Python YAML: about a
second on a busy core) and the company settings are cached per process on first use. Left to
the first request, that second lands on whichever users talk first, and on the event loop it
held up every conversation (the profile in benchmarks/RESULTS.md). Every zero-argument cached
function of the package is one of those, so this calls them all: a new cached table needs no
change here.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil
import time
from typing import List

logger = logging.getLogger(__name__)


def cached_loaders(package_name: str) -> List:
    """The package's functions wrapped in functools.lru_cache that need no argument."""
    package = importlib.import_module(package_name)
    for module in pkgutil.walk_packages(package.__path__, package_name + "."):
        importlib.import_module(module.name)
    found = []
    for module_name, module in list(importlib.sys.modules.items()):
        if module_name != package_name and not module_name.startswith(package_name + "."):
            continue
        for value in vars(module).values():
            if getattr(value, "__module__", None) != module_name or not hasattr(value, "cache_info"):
                continue
            parameters = inspect.signature(value).parameters.values()
            if all(p.default is not inspect.Parameter.empty for p in parameters):
                found.append(value)
    return found


def warm_up(package_name: str) -> int:
    """Fill every such cache; returns how many. A loader that fails is left to fail at its first
    request, where the action answers politely (e.g. the database not reachable yet)."""
    began = time.monotonic()
    filled = 0
    for loader in cached_loaders(package_name):
        try:
            loader()
            filled += 1
        except Exception:  # any failure is reported again, politely, at the first request
            logger.warning("Could not prepare %s.%s at start", loader.__module__, loader.__qualname__, exc_info=True)
    logger.info("Prepared %d cached tables in %.1f s", filled, time.monotonic() - began)
    return filled
