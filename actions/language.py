"""Recognising whether a message is Dutch or English.

The conversation keeps its language in the `language` slot. A message only
changes it when the evidence is clear: an explicit request ("in English
please", "graag in het Nederlands") or more words that belong to one language
than to the other. Words both languages share ("ok", names, numbers, "NCP")
and bare yes/no answers ("ja", "yes") decide nothing, so the slot does not
flip on them.

The word lists come from spaCy's language data (stop words) and from the
project's own Dutch and English NLU training data; no model is downloaded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, Iterable, Optional, Tuple

import yaml

DUTCH = "nl"
ENGLISH = "en"
LANGUAGES = (DUTCH, ENGLISH)
DEFAULT_LANGUAGE = ENGLISH

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NLU_DATA_DIR = PROJECT_ROOT / "data" / "nlu"

# Short answers that are used by speakers of both languages; they never decide.
NEUTRAL_WORDS = frozenset(
    """ok oke oké okay okey ja yes yep yeah nee no nope nah top super prima
    sure jep thx ncp oecd oeso imvo irbc rbc csr mvo eu ngo ngos cao bot hi""".split()
)

_LANGUAGE_NAMES = {
    ENGLISH: r"english|engels|engelse",
    DUTCH: r"dutch|nederlands|nederlandse|hollands|vlaams",
}
# The language name must end the request (optionally followed by a politeness
# word), so "we are a Dutch company" or "the Dutch NCP" never switch.
_TAIL = (
    r"(?:\s+(?:please|pls|plz|graag|aub|a\.u\.b\.|alsjeblieft|alstublieft|svp|"
    r"instead|voortaan|verder|from now on|for me|voor mij|too|ook|now|nu|only|alleen|thanks|dank je|bedankt))*"
    r"\s*[.!?]*\s*$"
)
_REQUEST_VERBS = (
    r"speak|spreek|spreken|talk|praat|praten|reply|respond|answer|antwoord|antwoorden|"
    r"write|schrijf|schrijven|continue|ga|gaan|verder|switch|schakel|overschakelen|"
    r"change|wissel|use|gebruik|chat|communicate"
)


def _switch_pattern(names: str) -> re.Pattern:
    return re.compile(
        rf"(?:^|\b(?:in|into|to|naar|op|met|in het|naar het|(?:{_REQUEST_VERBS})(?:\s+\w+){{0,3}}))"
        rf"\s*(?:het\s+)?(?:{names})\b{_TAIL}",
        re.IGNORECASE,
    )


_SWITCH_PATTERNS = {lang: _switch_pattern(names) for lang, names in _LANGUAGE_NAMES.items()}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")


@dataclass(frozen=True)
class Detection:
    """What one message says about its language."""

    language: Optional[str]  # None when the message does not decide
    explicit: bool = False  # True when the user asked for this language
    dutch_words: int = 0
    english_words: int = 0


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so "oké" and "Oké" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> Tuple[str, ...]:
    return tuple(fold(t) for t in _TOKEN.findall(text))


def requested_language(text: str) -> Optional[str]:
    """The language the user explicitly asks for, if any."""
    stripped = text.strip()
    for language, pattern in _SWITCH_PATTERNS.items():
        if pattern.search(stripped):
            return language
    return None


def _training_examples(language: str) -> Iterable[str]:
    for path in sorted((NLU_DATA_DIR / language).glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in content.get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    # entity values (supplier names) say nothing about language
                    yield _ANNOTATION.sub(" ", line[2:])


def _stop_words(language: str) -> FrozenSet[str]:
    if language == DUTCH:
        from spacy.lang.nl.stop_words import STOP_WORDS
    else:
        from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(fold(w) for w in STOP_WORDS)


@lru_cache(maxsize=1)
def lexicons() -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """Words that belong to Dutch only and to English only."""
    words = {}
    for language in LANGUAGES:
        vocabulary = set(_stop_words(language))
        for example in _training_examples(language):
            vocabulary.update(tokens(example))
        words[language] = vocabulary
    shared = words[DUTCH] & words[ENGLISH]
    dutch_only = frozenset(w for w in words[DUTCH] - shared - NEUTRAL_WORDS if len(w) > 1)
    english_only = frozenset(w for w in words[ENGLISH] - shared - NEUTRAL_WORDS if len(w) > 1)
    return dutch_only, english_only


def detect(text: str) -> Detection:
    """Decide the language of one message, or None when it is not clear."""
    if not text or text.startswith("/"):
        return Detection(None)  # button payloads carry no language
    asked = requested_language(text)
    if asked:
        return Detection(asked, explicit=True)
    dutch_only, english_only = lexicons()
    words = set(tokens(text))
    dutch = len(words & dutch_only)
    english = len(words & english_only)
    if dutch > english:
        return Detection(DUTCH, dutch_words=dutch, english_words=english)
    if english > dutch:
        return Detection(ENGLISH, dutch_words=dutch, english_words=english)
    return Detection(None, dutch_words=dutch, english_words=english)


def normalise_language(value: object) -> Optional[str]:
    """Map a locale or language label ("nl-NL", "en_GB", "Dutch") to nl/en."""
    if not isinstance(value, str) or not value.strip():
        return None
    folded = fold(value.strip())
    if folded.startswith(("nl", "dutch", "nederlands", "vlaams")):
        return DUTCH
    if folded.startswith(("en", "english", "engels")):
        return ENGLISH
    return None


def next_language(
    current: Optional[str],
    text: str,
    entity_language: Optional[str] = None,
    channel_hint: Optional[str] = None,
) -> str:
    """The conversation language after this message.

    Order: a language chosen with a button or in the widget (entity), an
    explicit request in the text, clear evidence in the text, then what the
    conversation already had, the channel's hint (Teams locale), and the
    default. A "switch language" intent without a named language changes
    nothing here: the reply offers both languages as buttons.
    """
    chosen = normalise_language(entity_language)
    if chosen:
        return chosen
    detection = detect(text or "")
    if detection.explicit:
        return detection.language
    if detection.language:
        return detection.language
    return current or normalise_language(channel_hint) or DEFAULT_LANGUAGE
