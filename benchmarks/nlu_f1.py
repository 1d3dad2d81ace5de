"""Prints intent macro-F1 per language on the held-out NLU files, the fallback
threshold sweep used to choose config.yml's FallbackClassifier threshold,
language-detection accuracy, the training time (if given) and the model size.

Usage: python -m benchmarks.nlu_f1 [--train-seconds N] [--files evaluation/intents/issue-17]
(--files PREFIX: only the held-out pair PREFIX_en.yml and PREFIX_nl.yml, e.g. an issue's fresh intent set)
"""

from __future__ import annotations

import argparse
from collections import Counter

from benchmarks.nlu_eval import HELD_OUT_SETS, MODEL, ROOT, language_outcomes, macro_f1, per_language, predict


def print_scores(title: str, files) -> None:
    """Macro-F1 per language on one held-out pair, with the most frequent confusions."""
    print(f"Held-out NLU evaluation: {title}")
    for language, items in per_language(predict(files=files)).items():
        print(f"  {language}: {len(items)} examples, intent macro-F1 {macro_f1(items):.3f}")
        wrong = [p for p in items if p.predicted != p.expected]
        for (expected, got), n in Counter((p.expected, p.predicted) for p in wrong).most_common(8):
            print(f"      {n} x {expected} -> {got}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train-seconds", type=float)
    parser.add_argument("--files", help="PREFIX of a held-out pair PREFIX_en.yml / PREFIX_nl.yml: score only that")
    args = parser.parse_args()
    if args.files:
        print_scores(f"{args.files}_{{en,nl}}.yml", {lang: ROOT / f"{args.files}_{lang}.yml" for lang in ("en", "nl")})
        return
    for name, files in HELD_OUT_SETS.items():
        if name != "holdout":
            print_scores(f"{name} ({', '.join(str(p.relative_to(ROOT)) for p in files.values())})", files)
    predictions = predict()
    print("Held-out NLU evaluation (tests/nlu/holdout_*.yml)")
    for language, items in per_language(predictions).items():
        wrong = [p for p in items if p.predicted != p.expected]
        print(
            f"  {language}: {len(items)} examples, intent macro-F1 {macro_f1(items):.3f}, "
            f"accuracy {1 - len(wrong) / len(items):.3f}"
        )
        confusions = Counter((p.expected, p.predicted) for p in wrong)
        for (expected, got), n in confusions.most_common(8):
            print(f"      {n} x {expected} -> {got}")
    print("\nFallback threshold sweep (macro-F1 en / nl; below the threshold = nlu_fallback)")
    grouped = per_language(predictions)
    for threshold in (0.0, 0.2, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7):
        scores = " / ".join(f"{macro_f1(grouped[lang], threshold):.3f}" for lang in ("en", "nl"))
        out_of_scope = [p for p in predictions if p.expected == "out_of_scope"]
        caught = sum(1 for p in out_of_scope if p.top_intent == "out_of_scope" or p.confidence < threshold)
        print(f"  {threshold:.2f}: {scores}   out-of-scope handled {caught}/{len(out_of_scope)}")
    print("\nLanguage detection on the held-out messages")
    for language in ("en", "nl"):
        outcomes = language_outcomes(grouped[language])
        total = sum(outcomes.values())
        print(
            f"  {language}: right {outcomes['right']}/{total}, undecided (slot kept) "
            f"{outcomes['undecided']}, wrong {outcomes['wrong']}"
        )
    if args.train_seconds:
        print(f"\nTraining time: {args.train_seconds:.0f} s")
    print(f"Model size: {MODEL.stat().st_size / 1e6:.1f} MB ({MODEL.name})")


if __name__ == "__main__":
    main()
