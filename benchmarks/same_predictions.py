"""Do two trained models give the same intent, confidence and language for every held-out message?
(Reproducible training: the same data and seed must give the same model on the same machine.)

Usage: python -m benchmarks.same_predictions MODEL_A MODEL_B
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.nlu_eval import HELD_OUT_SETS, predict


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model_a", type=Path)
    parser.add_argument("model_b", type=Path)
    args = parser.parse_args()
    total = differing = 0
    for name, files in HELD_OUT_SETS.items():
        first = predict(args.model_a, files=files)
        second = predict(args.model_b, files=files)
        for a, b in zip(first, second, strict=True):
            total += 1
            if (a.predicted, a.top_intent, a.detected_language) != (b.predicted, b.top_intent, b.detected_language):
                differing += 1
                print(f"  differs ({name}): {a.text[:80]!r}: {a.predicted} / {b.predicted}")
        largest = max(abs(a.confidence - b.confidence) for a, b in zip(first, second, strict=True))
        print(f"{name}: {len(first)} messages, largest confidence difference {largest:.2e}")
    print(f"{total - differing}/{total} messages get the same intent and language from both models")


if __name__ == "__main__":
    main()
