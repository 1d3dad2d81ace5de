"""Prints the pass rate of conversation sets against the real servers with the demo suppliers, and which
conversations failed (docs/evaluation.md).

Usage:
  python -m benchmarks.conversations --set dev --set test        # evaluation/conversations/<set>/
  python -m benchmarks.conversations --set fresh/issue-17 --transcripts
  python -m benchmarks.conversations                              # the older realistic sets (tests/conversations/)
  --model PATH picks another trained model; --transcripts prints the failed conversations in full;
  --dump FILE writes every conversation in full (passed ones too), for the consultant's review (docs/evaluation.md).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Dict, List

from benchmarks.conversation_eval import ConversationResult, pass_rate, run_all, run_set, training_lexicon
from tests.servers import start_servers

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "imvo-assistant.tar.gz"


def dump(path: Path, results: Dict[str, List[ConversationResult]]) -> None:
    everything = [r for per_language in results.values() for r in per_language]
    path.write_text("\n\n".join(r.transcript() for r in everything) + "\n", encoding="utf-8")


def report(name: str, results: Dict[str, List[ConversationResult]], transcripts: bool) -> None:
    everything = [r for per_language in results.values() for r in per_language]
    turns = [t for r in everything for t in r.turns]
    print(f"Conversation set {name}")
    for language, found in sorted(results.items()):
        failed = [r.id for r in found if not r.passed]
        passed = sum(r.passed for r in found)
        print(f"  {language}: {passed}/{len(found)} passed ({pass_rate(found):.0%}); failed: {failed}")
    print(
        f"  all: {sum(r.passed for r in everything)}/{len(everything)} conversations ({pass_rate(everything):.0%}), "
        f"{sum(not t.problems for t in turns)}/{len(turns)} turns"
    )
    if transcripts:
        for result in everything:
            if not result.passed:
                print("\n" + result.transcript())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", action="append", dest="sets", help="an evaluation set: dev, test, fresh/<issue>")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--transcripts", action="store_true", help="print the failed conversations in full")
    parser.add_argument("--dump", type=Path, help="write every conversation in full to this file (one set)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp())
    servers = start_servers(workdir, args.model, f"sqlite:///{workdir / 'imvo.db'}")
    lexicon = training_lexicon()
    try:
        if not args.sets:
            report("realistic (tests/conversations/)", run_all(servers.say, lexicon), args.transcripts)
        for name in args.sets or []:
            results = run_set(servers.say, lexicon, name)
            report(name, results, args.transcripts)
            if args.dump:
                dump(args.dump, results)
    finally:
        servers.stop()


if __name__ == "__main__":
    main()
