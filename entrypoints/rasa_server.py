"""The Rasa server (and `rasa shell`) with the project's polite action-server outage answer and
action replies checked by validators built once, one per event kind (entrypoints/action_results.py).
It says at start whether sign-in is on or this is the open local demo (channels/signin.py).

Usage: python -m entrypoints.rasa_server run -m models/imvo-assistant.tar.gz --endpoints endpoints.yml ...
(every argument is passed on to the `rasa` command line unchanged).
"""

from __future__ import annotations

from entrypoints import action_results, outage


def main() -> None:
    from channels.signin import describe

    print(describe(), flush=True)  # before Rasa configures logging, so it is the log's first line
    outage.install()
    action_results.install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
