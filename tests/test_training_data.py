"""The training data: both languages, enough examples, lookups up to date, Rasa's validator clean."""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.project import domain

ROOT = Path(__file__).resolve().parent.parent


def _examples(path):
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = {}
    for block in content.get("nlu", []):
        if "intent" in block:
            lines = [x.strip()[2:] for x in block["examples"].splitlines() if x.strip().startswith("- ")]
            result.setdefault(block["intent"], []).extend(lines)
    return result


def _language_examples(language):
    merged = {}
    for path in sorted((ROOT / "data/nlu" / language).glob("*.yml")):
        for intent, lines in _examples(path).items():
            merged.setdefault(intent, []).extend(lines)
    return merged


def _plain(text):
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).lower().strip(" ?!.")


def test_both_languages_have_the_same_intents_with_25_examples_each():
    dutch, english = _language_examples("nl"), _language_examples("en")
    merged = domain()
    assert set(dutch) == set(english) == set(merged["intents"])
    for intent in merged["intents"]:
        assert len(set(dutch[intent])) >= 25, f"{intent}: only {len(set(dutch[intent]))} Dutch examples"
        assert len(set(english[intent])) >= 25, f"{intent}: only {len(set(english[intent]))} English examples"


def test_holdout_examples_are_not_in_the_training_data():
    """No held-out message is trained on. The independent files were written blind to the training
    data, so everyday one- and two-word messages ("hoi", "niet nu") may coincide; longer ones may not."""
    training = {_plain(t) for lang in ("nl", "en") for lines in _language_examples(lang).values() for t in lines}
    for language, kind in [(lang, kind) for lang in ("nl", "en") for kind in ("holdout", "independent")]:
        holdout = _examples(ROOT / f"tests/nlu/{kind}_{language}.yml")
        shortest = 1 if kind == "holdout" else 3
        leaked = [
            t for lines in holdout.values() for t in lines if _plain(t) in training and len(t.split()) >= shortest
        ]
        assert not leaked, f"held-out {language} examples also in training data: {leaked}"


def test_no_example_is_given_two_intents():
    seen = Counter()
    owner = {}
    for lang in ("nl", "en"):
        for intent, lines in _language_examples(lang).items():
            for line in lines:
                key = _plain(line)
                if key in owner and owner[key] != intent:
                    seen[key] += 1
                owner[key] = intent
    assert not seen, f"examples with two intents: {list(seen)}"


def test_generated_lookup_tables_are_up_to_date():
    from scripts.generate_nlu_lookups import generated_files

    for path, content in generated_files().items():
        assert path.read_text(encoding="utf-8") == content, f"{path} is stale: run `make lookups`"


def _responses_used_by_code_and_forms():
    used = set()
    for path in [p for folder in ("actions", "components", "entrypoints") for p in (ROOT / folder).rglob("*.py")]:
        used.update(re.findall(r"\butter_\w+", path.read_text(encoding="utf-8")))
    merged = domain()
    for form in merged.get("forms", {}).values():
        used.update(f"utter_ask_{slot}" for slot in form["required_slots"])
    return used


@pytest.mark.slow  # `rasa data validate` in a subprocess: about 30 s; `make test` and `make validate` run it
def test_rasa_data_validate_is_clean():
    """Rasa's validator finds nothing, except "not used in any story or rule"
    for responses that custom actions or forms send (Rasa cannot see those)."""
    result = subprocess.run(
        [sys.executable, "-m", "rasa", "data", "validate", "--domain", "domain"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    allowed = _responses_used_by_code_and_forms()
    problems = []
    for line in output.splitlines():
        if "UserWarning" not in line and "ERROR" not in line:
            continue
        unused = re.search(r"The utterance '(\w+)' is not used in any story or rule", line)
        if unused and unused.group(1) in allowed:
            continue
        problems.append(line)
    assert not problems, "\n".join(problems)
