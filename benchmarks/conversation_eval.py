"""Running conversation sets against the real servers and judging each turn on substance.

A set is a folder of YAML files (`evaluation/conversations/<set>/`, docs/evaluation.md) or one of the older
realistic files (`tests/conversations/realistic_<language>.yml`). Each conversation is one sender talking over the
REST channel. A turn passes when the reply
- is in the expected language (not recognisably in the other one),
- holds at least one of `any`,
- holds every group of `all` (a group is a string or a list of alternatives, one of which must appear),
- holds none of `none`, and leaks nothing (no stack trace, no template placeholder, no internal action name).
Matching is case- and accent-insensitive on the whole reply with its button titles, white space folded.
A conversation passes when every turn does.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import yaml

from actions.language import Detection, Lexicon, detect, fold

ROOT = Path(__file__).resolve().parent.parent
SETS = {language: ROOT / f"tests/conversations/realistic_{language}.yml" for language in ("en", "nl")}
EVALUATION = ROOT / "evaluation" / "conversations"

# What no reply may show, whatever the question: internals and unfilled templates.
LEAKS = re.compile(r"Traceback|Exception:|\butter_[a-z_]+|\baction_[a-z_]+|\{[a-z_]+\}")


def conversations(language: str) -> List[Dict[str, Any]]:
    return yaml.safe_load(SETS[language].read_text(encoding="utf-8"))["conversations"]


def set_files(name: str) -> List[Path]:
    """The YAML files of an evaluation set, e.g. "dev", "test" or "fresh/issue-17"."""
    folder = EVALUATION / name
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise FileNotFoundError(f"no conversation files in {folder}")
    return files


def load_set(name: str) -> List[Dict[str, Any]]:
    found: List[Dict[str, Any]] = []
    for path in set_files(name):
        found.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"])
    return found


def conversation_language(conversation: Dict[str, Any]) -> str:
    """The language the conversation is written in: its own field, else its first turn's expected language."""
    if conversation.get("language"):
        return conversation["language"]
    for turn in conversation["turns"]:
        wanted = (turn.get("expect") or {}).get("language")
        if wanted:
            return wanted
    return "en"


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class TurnResult:
    user: str
    reply: str
    problems: List[str]


@dataclass
class ConversationResult:
    id: str
    title: str
    language: str = "en"
    turns: List[TurnResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(not t.problems for t in self.turns)

    def transcript(self) -> str:
        lines = [f"## {self.id}: {self.title}"]
        for turn in self.turns:
            lines.append(f"> {turn.user[:300]}")
            lines.append("  " + turn.reply.replace("\n", "\n  ")[:1500])
            lines.extend(f"  !! {p}" for p in turn.problems)
        return "\n".join(lines)


def _normal(text: str) -> str:
    return " ".join(fold(text).split())


def _alternatives(group: Any) -> List[str]:
    return [str(x) for x in group] if isinstance(group, (list, tuple)) else [str(group)]


def check_turn(reply: str, expect: Dict[str, Any], lexicon: Lexicon) -> List[str]:
    problems = []
    if not reply.strip():
        return ["no reply"]
    folded = _normal(reply)

    def holds(item: str) -> bool:
        return _normal(item) in folded

    wanted = expect.get("language")
    if wanted:
        found: Detection = detect(reply, lexicon)
        if found.language and found.language != wanted:
            problems.append(f"reply in {found.language}, expected {wanted}")
    if expect.get("any") and not any(holds(x) for x in _alternatives(expect["any"])):
        problems.append(f"none of {_alternatives(expect['any'])[:6]}")
    for group in expect.get("all") or []:
        if not any(holds(x) for x in _alternatives(group)):
            problems.append(f"missing {_alternatives(group)[:6]}")
    for item in expect.get("none") or []:
        if holds(str(item)):
            problems.append(f"contains {item!r}")
    leak = LEAKS.search(reply)
    if leak:
        problems.append(f"leaks {leak.group(0)!r}")
    return problems


def reply_text(messages: Iterable[Dict[str, Any]]) -> str:
    return "\n".join(
        m.get("text", "") + "".join(f"\n[{b.get('title', '')}]" for b in m.get("buttons") or []) for m in messages
    )


def run_conversation(say, conversation: Dict[str, Any], lexicon: Lexicon) -> ConversationResult:
    """`say(text, sender)` sends one message and returns the reply messages (REST format)."""
    sender = f"eval-{conversation['id']}-{uuid.uuid4().hex[:8]}"
    result = ConversationResult(conversation["id"], conversation.get("title", ""), conversation_language(conversation))
    for turn in conversation["turns"]:
        reply = reply_text(say(turn["user"], sender))
        result.turns.append(TurnResult(turn["user"], reply, check_turn(reply, turn.get("expect") or {}, lexicon)))
    return result


def run_all(say, lexicon: Lexicon, languages=("en", "nl")) -> Dict[str, List[ConversationResult]]:
    return {language: [run_conversation(say, c, lexicon) for c in conversations(language)] for language in languages}


def run_set(say, lexicon: Lexicon, name: str) -> Dict[str, List[ConversationResult]]:
    """Every conversation of an evaluation set, grouped by language."""
    results: Dict[str, List[ConversationResult]] = {}
    for conversation in load_set(name):
        result = run_conversation(say, conversation, lexicon)
        results.setdefault(result.language, []).append(result)
    return results


def pass_rate(results: List[ConversationResult]) -> float:
    return sum(r.passed for r in results) / len(results) if results else 0.0


def training_lexicon(root: Optional[Path] = None) -> Lexicon:
    from rasa.shared.nlu.training_data.loading import load_data

    from components.language_detector import lexicon_from

    return lexicon_from(load_data(str((root or ROOT) / "data" / "nlu")))
