"""The action server: rasa_sdk serving the `actions` package.

Usage: python -m entrypoints.action_server [--port 5055] (rasa_sdk's own options).
Needs only requirements/actions.txt, not Rasa itself. Synchronous actions run in a
thread pool (entrypoints/threaded_actions.py), so a slow one blocks no other conversation,
and what each process caches is computed at start (entrypoints/warm_up.py), not at the first request.
"""

from __future__ import annotations

import sys

from entrypoints import threaded_actions, warm_up

ACTIONS_PACKAGE = "actions"


def main() -> None:
    if "--actions" not in sys.argv:
        sys.argv += ["--actions", ACTIONS_PACKAGE]
    threaded_actions.install()
    warm_up.warm_up(ACTIONS_PACKAGE)
    from rasa_sdk.__main__ import main as sdk_main

    sdk_main()


if __name__ == "__main__":
    main()
