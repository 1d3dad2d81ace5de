"""The evaluation sets (docs/evaluation.md): frozen sets stay as written, and every set is well formed."""

import hashlib

import pytest
import yaml

from benchmarks.conversation_eval import EVALUATION, conversation_language, load_set
from tests.project import ROOT

FROZEN = ROOT / "evaluation" / "FROZEN.sha256"


def frozen_files():
    for line in FROZEN.read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        yield name, digest


@pytest.mark.parametrize("name,digest", list(frozen_files()))
def test_a_frozen_set_is_unchanged(name, digest):
    """A frozen set is the yardstick: a change to it must be deliberate (a new set, not an edit)."""
    assert hashlib.sha256((ROOT / "evaluation" / name).read_bytes()).hexdigest() == digest


def test_every_frozen_conversation_set_is_listed():
    listed = {name for name, _ in frozen_files()}
    for folder in [EVALUATION / "test", *sorted((EVALUATION / "fresh").glob("*"))]:
        for path in folder.glob("*.yml"):
            assert str(path.relative_to(ROOT / "evaluation")) in listed, f"{path} is not in {FROZEN.name}"


@pytest.mark.parametrize("path", sorted(EVALUATION.rglob("*.yml")), ids=lambda p: str(p.relative_to(EVALUATION)))
def test_every_conversation_is_well_formed(path):
    conversations = yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]
    assert conversations
    for conversation in conversations:
        assert conversation["id"] and conversation["turns"], conversation
        assert conversation_language(conversation) in ("en", "nl")
        for turn in conversation["turns"]:
            assert isinstance(turn["user"], str)
            expect = turn.get("expect") or {}
            assert set(expect) <= {"language", "any", "all", "none"}, expect
            for group in expect.get("all") or []:
                assert isinstance(group, (str, list)), group


def test_the_sets_have_the_sizes_the_protocol_asks_for():
    dev, test = load_set("dev"), load_set("test")
    assert len(dev) >= 150 and len(test) >= 100
    for found in (dev, test):
        dutch = sum(conversation_language(c) == "nl" for c in found)
        assert abs(dutch - len(found) / 2) <= len(found) * 0.1, f"{dutch} of {len(found)} in Dutch"
