"""Prints the pass rate of the realistic conversation sets (tests/conversations/) against the real servers
with the demo suppliers, and which conversations failed.

Usage: python -m benchmarks.conversations [--transcripts]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks.conversation_eval import pass_rate, run_all, training_lexicon
from tests.servers import start_servers

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "imvo-assistant.tar.gz"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transcripts", action="store_true", help="print the failed conversations in full")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp())
    servers = start_servers(workdir, MODEL, f"sqlite:///{workdir / 'imvo.db'}")
    try:
        results = run_all(servers.say, training_lexicon())
    finally:
        servers.stop()
    everything = [r for per_language in results.values() for r in per_language]
    turns = [t for r in everything for t in r.turns]
    print("Realistic conversations (tests/conversations/realistic_*.yml)")
    for language, found in results.items():
        failed = [r.id for r in found if not r.passed]
        print(
            f"  {language}: {sum(r.passed for r in found)}/{len(found)} passed ({pass_rate(found):.0%}); failed: {failed}"
        )
    print(
        f"  all: {pass_rate(everything):.0%} of conversations, {sum(not t.problems for t in turns)}/{len(turns)} turns"
    )
    if args.transcripts:
        for result in everything:
            if not result.passed:
                print("\n" + result.transcript())


if __name__ == "__main__":
    main()
