"""Evaluating the trained model on the held-out NLU files (tests/nlu/holdout_*.yml)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = {"en": ROOT / "tests/nlu/holdout_en.yml", "nl": ROOT / "tests/nlu/holdout_nl.yml"}
# Written later, independently of the training data, from the README and the demo suppliers only.
INDEPENDENT = {"en": ROOT / "tests/nlu/independent_en.yml", "nl": ROOT / "tests/nlu/independent_nl.yml"}
HELD_OUT_SETS = {"holdout": HOLDOUT, "independent": INDEPENDENT}
MODEL = ROOT / "models/imvo-assistant.tar.gz"


@dataclass
class Prediction:
    text: str
    language: str
    expected: str
    predicted: str  # after the FallbackClassifier (what the dialogue sees)
    top_intent: str  # best intent before the fallback
    confidence: float
    detected_language: Optional[str] = None  # the model's LanguageDetector: nl, en or None (undecided)


def _plain(example: str) -> str:
    from rasa.shared.nlu.training_data import entities_parser

    return entities_parser.replace_entities(example)


def holdout_examples(language: str, files: Dict[str, Path] = HOLDOUT) -> List[Tuple[str, str]]:
    content = yaml.safe_load(files[language].read_text(encoding="utf-8"))
    pairs = []
    for block in content["nlu"]:
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((_plain(line[2:]), block["intent"]))
    return pairs


@lru_cache(maxsize=2)
def _agent(model_path: str):
    """The trained model, loaded once per process for every held-out set."""
    from rasa.core.agent import Agent

    return Agent.load(model_path)


def predict(
    model_path: Path = MODEL, languages: Sequence[str] = ("en", "nl"), files: Dict[str, Path] = HOLDOUT
) -> List[Prediction]:
    agent = _agent(str(model_path))
    results: List[Prediction] = []

    async def run() -> None:
        for language in languages:
            for text, intent in holdout_examples(language, files):
                parsed = await agent.parse_message(text)
                ranking = [r for r in parsed["intent_ranking"] if r["name"] != "nlu_fallback"]
                detection = parsed.get("language_detection") or {}
                results.append(
                    Prediction(
                        text,
                        language,
                        intent,
                        parsed["intent"]["name"],
                        ranking[0]["name"],
                        ranking[0]["confidence"],
                        detection.get("language"),
                    )
                )

    asyncio.run(run())
    return results


def macro_f1(predictions: Sequence[Prediction], threshold: Optional[float] = None) -> float:
    """Intent macro-F1; with a threshold, predictions below it count as nlu_fallback."""
    from sklearn.metrics import f1_score

    expected = [p.expected for p in predictions]
    if threshold is None:
        predicted = [p.predicted for p in predictions]
    else:
        predicted = [p.top_intent if p.confidence >= threshold else "nlu_fallback" for p in predictions]
    labels = sorted(set(expected))
    return float(f1_score(expected, predicted, labels=labels, average="macro", zero_division=0))


def language_outcomes(predictions: Sequence[Prediction]) -> Dict[str, int]:
    """How often the detected language was right, undecided (the slot is kept) or wrong.
    Requests to switch language are left out: they ask for the other language on purpose."""
    outcomes = {"right": 0, "undecided": 0, "wrong": 0}
    for p in predictions:
        if p.expected == "switch_language":
            continue
        found = p.detected_language
        outcomes["right" if found == p.language else "undecided" if found is None else "wrong"] += 1
    return outcomes


def per_language(predictions: Sequence[Prediction]) -> Dict[str, List[Prediction]]:
    grouped: Dict[str, List[Prediction]] = {}
    for p in predictions:
        grouped.setdefault(p.language, []).append(p)
    return grouped
