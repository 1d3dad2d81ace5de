"""Running the realistic conversation sets (tests/conversations/realistic_*.yml) against the real servers.

Each conversation is one sender talking over the REST channel; a turn passes when the
bot's reply is in the expected language (not recognisably in the other one) and holds
at least one of `any`, all of `all` and none of `none` (case- and accent-insensitive).
A conversation passes when every turn does.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from actions.language import Detection, Lexicon, detect, fold

ROOT = Path(__file__).resolve().parent.parent
SETS = {language: ROOT / f"tests/conversations/realistic_{language}.yml" for language in ("en", "nl")}


def conversations(language: str) -> List[Dict[str, Any]]:
    return yaml.safe_load(SETS[language].read_text(encoding="utf-8"))["conversations"]


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


def check_turn(reply: str, expect: Dict[str, Any], lexicon: Lexicon) -> List[str]:
    problems = []
    folded = fold(reply)
    wanted = expect.get("language")
    if wanted:
        found: Detection = detect(reply, lexicon)
        if found.language and found.language != wanted:
            problems.append(f"reply in {found.language}, expected {wanted}")
    if expect.get("any") and not any(fold(str(x)) in folded for x in expect["any"]):
        problems.append(f"none of {expect['any'][:6]}")
    for item in expect.get("all") or []:
        if fold(str(item)) not in folded:
            problems.append(f"missing {item!r}")
    for item in expect.get("none") or []:
        if fold(str(item)) in folded:
            problems.append(f"contains {item!r}")
    if not reply.strip():
        problems.append("no reply")
    return problems


def run_conversation(say, conversation: Dict[str, Any], lexicon: Lexicon) -> ConversationResult:
    """`say(text, sender)` sends one message and returns the reply messages (REST format)."""
    sender = f"realistic-{conversation['id']}-{uuid.uuid4().hex[:8]}"
    result = ConversationResult(conversation["id"], conversation.get("title", ""))
    for turn in conversation["turns"]:
        messages = say(turn["user"], sender)
        reply = "\n".join(
            m.get("text", "") + "".join(f"\n[{b.get('title', '')}]" for b in m.get("buttons") or []) for m in messages
        )
        result.turns.append(TurnResult(turn["user"], reply, check_turn(reply, turn["expect"], lexicon)))
    return result


def run_all(say, lexicon: Lexicon, languages=("en", "nl")) -> Dict[str, List[ConversationResult]]:
    return {language: [run_conversation(say, c, lexicon) for c in conversations(language)] for language in languages}


def pass_rate(results: List[ConversationResult]) -> float:
    return sum(r.passed for r in results) / len(results) if results else 0.0


def training_lexicon(root: Optional[Path] = None) -> Lexicon:
    from rasa.shared.nlu.training_data.loading import load_data

    from components.language_detector import lexicon_from

    return lexicon_from(load_data(str((root or ROOT) / "data" / "nlu")))
