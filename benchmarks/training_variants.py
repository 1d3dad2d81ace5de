"""Training time against held-out intent F1 for variants of config.yml (how the training settings were chosen).

Each variant is config.yml with some settings of its DIETClassifier or character CountVectorsFeaturizer changed;
it is trained by scripts/train.sh (as `make train` trains: same seed, deterministic ops and threads), timed as a
whole process, and scored on the independent and first held-out files (benchmarks/nlu_eval.py).

Usage:
  python -m benchmarks.training_variants 'current:' 'e30:epochs=30' 'fast:epochs=30,max_features=6000'
  --timing-only trains 8 epochs of each to compare the time per epoch.
Keys: any DIETClassifier option (epochs, batch_size=128-512, number_of_transformer_layers, transformer_size, ...);
max_features, min_ngram, max_ngram go to the character featurizer.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

import yaml

from benchmarks.nlu_eval import HOLDOUT, INDEPENDENT, macro_f1, per_language, predict

ROOT = Path(__file__).resolve().parent.parent
CHAR_KEYS = {"max_features", "min_ngram", "max_ngram"}
WORK = ROOT / "var" / "training-variants"


def value(text: str) -> Any:
    if "-" in text and all(part.isdigit() for part in text.split("-")):
        return [int(part) for part in text.split("-")]  # batch_size=128-512
    return yaml.safe_load(text)


def parse_variant(spec: str) -> Tuple[str, Dict[str, Any]]:
    name, _, settings = spec.partition(":")
    changes = dict(item.split("=", 1) for item in settings.split(",") if item)
    return name, {key: value(raw) for key, raw in changes.items()}


def variant_config(changes: Dict[str, Any]) -> Dict[str, Any]:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"] == "DIETClassifier":
            component.update({k: v for k, v in changes.items() if k not in CHAR_KEYS})
        if component["name"] == "CountVectorsFeaturizer" and component.get("analyzer") == "char_wb":
            component.update({k: v for k, v in changes.items() if k in CHAR_KEYS})
    return config


def train(name: str, config: Dict[str, Any]) -> Tuple[Path, float]:
    WORK.mkdir(parents=True, exist_ok=True)
    config_path = WORK / f"{name}.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    env = dict(os.environ, CONFIG=str(config_path), RASA_MAX_CACHE_SIZE="0")  # no cached DIET from an earlier run
    command = [str(ROOT / "scripts/train.sh"), "--fixed-model-name", name, "--out", str(WORK)]
    start = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if done.returncode:
        raise RuntimeError(f"{name}: training failed\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    epochs = re.findall(r"(\d+(?:\.\d+)?)s/it", done.stderr)
    if epochs:
        print(f"    {name}: last reported {epochs[-1]} s per epoch")
    return WORK / f"{name}.tar.gz", seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("variants", nargs="+", help="name:key=value,key=value (an empty list: config.yml as it is)")
    parser.add_argument("--timing-only", action="store_true", help="8 epochs each, no F1")
    args = parser.parse_args()
    rows: List[str] = []
    for spec in args.variants:
        name, changes = parse_variant(spec)
        if args.timing_only:
            changes = {**changes, "epochs": 8}
        model, seconds = train(name, variant_config(changes))
        if args.timing_only:
            rows.append(f"{name:24} {seconds:6.0f} s for 8 epochs  {changes}")
        else:
            scores = []
            for files in (INDEPENDENT, HOLDOUT):
                found = {lang: macro_f1(items) for lang, items in per_language(predict(model, files=files)).items()}
                scores.append(f"en {found['en']:.3f} nl {found['nl']:.3f}")
            rows.append(f"{name:24} {seconds:6.0f} s  independent {scores[0]}  holdout {scores[1]}  {changes}")
        print(rows[-1], flush=True)
    print("\nvariant                  training  (intent macro-F1 after the fallback on the held-out files)")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
