"""The action server: rasa_sdk serving the `actions` package.

Usage: python -m entrypoints.action_server [--port 5055] (rasa_sdk's own options).
Needs only requirements/actions.txt, not Rasa itself. Synchronous actions run in a
thread pool (entrypoints/threaded_actions.py), so a slow one blocks no other conversation,
and what each process caches is computed at start (entrypoints/warm_up.py), not at the first request.
At start it also removes audit-log rows older than AUDIT_LOG_DAYS (docs/privacy.md).
"""

from __future__ import annotations

import logging
import sys

from entrypoints import threaded_actions, warm_up

logger = logging.getLogger(__name__)

ACTIONS_PACKAGE = "actions"


def main() -> None:
    if "--actions" not in sys.argv:
        sys.argv += ["--actions", ACTIONS_PACKAGE]
    threaded_actions.install()
    warm_up.warm_up(ACTIONS_PACKAGE)
    prune_audit_log()
    from rasa_sdk.__main__ import main as sdk_main

    sdk_main()


def prune_audit_log() -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from actions import access
    from actions.records import audit_log

    try:
        audit_log.prune()
    except SQLAlchemyError:  # no database yet: the actions say so politely when asked
        logger.warning("Could not prune the audit log at start", exc_info=True)
    if not access.configured():
        print("Open local demo: no sign-in configured, every sender sees supplier records.", flush=True)


if __name__ == "__main__":
    main()
