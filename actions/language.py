"""Dutch and English: recognising a message's language, keeping the conversation's, and
picking between the two variants of a text.

The conversation keeps its language in the `language` slot. A message only
changes it when the evidence is clear: an explicit request ("in English please",
"graag in het Nederlands") or more words that belong to one language than to the
other. Words both languages share ("ok", names, numbers, "NCP") and bare yes/no
answers ("ja", "yes") decide nothing, so the slot does not flip on them.

The word lists (a Lexicon) are built when the model is trained, from spaCy's
language data (stop words) and the project's own Dutch and English training
examples, and stored in the model (components/language_detector.py). Nothing here
reads files at run time, and the action server does not need spaCy.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, Mapping, Optional, Tuple, TypeVar

DUTCH = "nl"
ENGLISH = "en"
LANGUAGES = (DUTCH, ENGLISH)
DEFAULT_LANGUAGE = ENGLISH
SWITCH_MARGIN = 2  # a message with words of both languages switches only when the other one leads by this many

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


def _request_anywhere(names: str) -> re.Pattern:
    """A request for a language inside a longer message: "(Dutch please)", "answer in Dutch please, for my
    board: …", "a short Dutch summary of …", "kun je dat in het Nederlands zeggen?"."""
    return re.compile(
        rf"\(\s*(?:in\s+)?(?:{names})(?:\s+(?:please|pls|graag|aub))?\s*\)"
        rf"|\b(?:{_REQUEST_VERBS})\s+(?:\w+\s+){{0,2}}in\s+(?:het\s+)?(?:{names})\b(?!\s+(?:company|bedrijf|ncp|law|wet))"
        rf"|\b(?:a|an|een)\s+(?:\w+\s+)?(?:{names})\s+(?:summary|version|translation|samenvatting|versie|vertaling)\b"
        rf"|\bin\s+(?:het\s+)?(?:{names})\s+(?:zeggen|uitleggen|vertalen|samenvatten|herhalen|for|voor)\b",
        re.IGNORECASE,
    )


_ANYWHERE_PATTERNS = {lang: _request_anywhere(names) for lang, names in _LANGUAGE_NAMES.items()}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


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


def language_request_span(text: str) -> Optional[Tuple[int, int, str]]:
    """Where the user asks for a language, and which: (start, end, language), or None."""
    for language, pattern in _SWITCH_PATTERNS.items():
        found = pattern.search(text)
        if found:
            return found.start(), found.end(), language
    return None


def requested_language(text: str) -> Optional[str]:
    """The language the user explicitly asks for, if any."""
    stripped = text.strip()
    for language, pattern in _SWITCH_PATTERNS.items():
        if pattern.search(stripped):
            return language
    for language, pattern in _ANYWHERE_PATTERNS.items():
        if pattern.search(stripped):
            return language
    return None


@dataclass(frozen=True)
class Lexicon:
    """Words that belong to Dutch only and to English only."""

    dutch_only: FrozenSet[str]
    english_only: FrozenSet[str]

    def as_dict(self) -> Dict[str, list]:
        return {DUTCH: sorted(self.dutch_only), ENGLISH: sorted(self.english_only)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Iterable[str]]) -> Lexicon:
        return cls(frozenset(data[DUTCH]), frozenset(data[ENGLISH]))


def detect(text: str, lexicon: Lexicon) -> Detection:
    """Decide the language of one message, or None when it is not clear."""
    if not text or text.startswith("/"):
        return Detection(None)  # button payloads carry no language
    asked = requested_language(text)
    if asked:
        return Detection(asked, explicit=True)
    words = set(tokens(text))
    dutch = len(words & lexicon.dutch_only)
    english = len(words & lexicon.english_only)
    if dutch > english:
        return Detection(DUTCH, dutch_words=dutch, english_words=english)
    if english > dutch:
        return Detection(ENGLISH, dutch_words=dutch, english_words=english)
    return Detection(None, dutch_words=dutch, english_words=english)


# A long quote or the body of a paste is what someone else wrote.
_QUOTED = re.compile(r"(?<!\w)([\"'“‘„])[^\"“”„]{40,}?[\"'”’](?!\w)")  # not the ' in "we're"


def own_words(text: str) -> str:
    """The user's own words: without long quotes, and of a pasted text its first and last lines."""
    text = _QUOTED.sub(" ", text or "")
    lines = [line for line in text.splitlines() if line.strip()]
    return f"{lines[0]}\n{lines[-1]}" if len(lines) > 2 else "\n".join(lines)


_ENGLISH_GLUE = frozenset("the and of in by with from at to for is are was were on not no has have".split())
_DUTCH_GLUE = frozenset("de het een van en bij met uit aan voor is zijn was werd op niet geen heeft hebben".split())


def written_in_english(text: str) -> bool:
    """Whether free text (a record's notes) is English: more English than Dutch function words."""
    words = tokens(text)
    return sum(w in _ENGLISH_GLUE for w in words) > sum(w in _DUTCH_GLUE for w in words)


def detect_message(text: str, lexicon: Lexicon) -> Detection:
    """The language of a user's message: a pasted e-mail or a quoted audit is someone else's, so the user's own
    words decide where they can ("kreeg deze mail van sfax, wat vind jij?" above an English e-mail)."""
    if text and not text.startswith("/"):
        unquoted = _QUOTED.sub(" ", text)
        lines = [line for line in unquoted.splitlines() if line.strip()]
        framing = detect(lines[0] if len(lines) > 1 else unquoted, lexicon)
        if framing.language:
            return framing
    return detect(text, lexicon)


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
    detection: Optional[Detection],
    entity_language: Optional[str] = None,
    channel_hint: Optional[str] = None,
) -> str:
    """The conversation language after this message.

    Order: a language chosen with a button or in the widget (entity), the
    message's own evidence (an explicit request or its words), then what the
    conversation already had, the channel's hint (Teams locale), and the
    default. A "switch language" intent without a named language changes
    nothing here: the reply offers both languages as buttons.
    """
    chosen = normalise_language(entity_language)
    if chosen:
        return chosen
    if detection is not None and detection.language:
        mixed = abs(detection.dutch_words - detection.english_words) < SWITCH_MARGIN and min(
            detection.dutch_words, detection.english_words
        )
        if current in LANGUAGES and detection.language != current and not detection.explicit and mixed:
            return current  # "eigenaar: Noor Hendriks, compliance officer, …": a mixed message does not switch
        return detection.language
    return current or normalise_language(channel_hint) or DEFAULT_LANGUAGE


# Words that point back to the supplier discussed before ("what should we do about them?").
_REFERRING = re.compile(
    r"\b(they|them|their|theirs|there|this supplier|that supplier|this factory|that factory|this company|"
    r"that company|the supplier|ze|zij|hen|hun|daar|daarbij|daarvan|die leverancier|deze leverancier|"
    r"die fabriek|deze fabriek|dat bedrijf|dit bedrijf|die|deze)\b"
)


def refers_back(text: str) -> bool:
    """Whether a message points back to something discussed before."""
    return bool(_REFERRING.search(fold(text or "")))


_WHICH_OF_THEM = re.compile(
    r"\b(where do we have (more|the most)|waar hebben we (meer|de meeste)|bij wie hebben we (meer|de meeste)|"
    r"which one|which of (the|them|these|those|both)|who first|welke van (de|die|deze|hen|beide)|welke eerst|"
    r"wie (van|eerst)|wie moeten we eerst|which should we (tackle|do|start with|prioriti[sz]e) first)\b"
)


def asks_which_of_them(text: str) -> bool:
    """Whether a message asks to choose between the suppliers just discussed ("which one first?")."""
    return bool(_WHICH_OF_THEM.search(fold(text or "")))


def language_code(value: object) -> str:
    """The conversation language for a slot value: nl or, for anything else, the default en."""
    return DUTCH if value == DUTCH else DEFAULT_LANGUAGE


T = TypeVar("T")


def pick(language: object, dutch: T, english: T) -> T:
    """The Dutch or the English variant: the one place that makes this choice."""
    return dutch if language_code(language) == DUTCH else english
