"""A plan's owner as people type it: "owner is Mark Peters from sourcing, his email is mark@x.com",
"Anna de Vries (CSR, anna@x.nl) is the owner", "ok then: owner Piet Jansen, e-mail piet@x.nl",
"eigenaar wordt Jan de Boer van inkoop, mail jan@x.nl".

`parse_owner` returns (name, role, e-mail) as typed. Whatever is given as the e-mail is returned, also when it is
not one ("mark(at)demo-inkoop"), so the check in validation.py refuses it and nothing is saved."""

from __future__ import annotations

import re
from typing import Tuple

from actions.plans.validation import email_in

# "his email is", "e-mail:", "mail", "zijn mailadres is", "haar e-mailadres:"; the address follows.
EMAIL_LEAD = re.compile(
    r"\b(?:(?:his|her|their|zijn|haar|hun)\s+)?(?:e-?mail|mail)(?:\s*-?\s*(?:address|adres))?(?:\s+(?:is|=))?\s*:?\s*"
    r"(?P<address>\S*(?:@|\(at\)|\[at\]|\.)\S*)",  # something that tries to be an address, not "mail even"
    re.IGNORECASE,
)
# An address written around spam filters, or without "@": refused, not read as part of the name or role.
SPELLED_EMAIL = re.compile(r"\S+\s*[\(\[{<]\s*(?:at|apenstaartje)\s*[\)\]}>]\s*\S+", re.IGNORECASE)
CHATTER = re.compile(
    r"^\W*(?:(?:ok(?:ay|e|é)?|oke|right|alright|so|then|no|nee|nope|sorry|actually|eigenlijk|correction|correctie|"
    r"wait|please|graag|dan|toch|liever)\b[\s,.:;!-]*)+",
    re.IGNORECASE,
)
FRAME = re.compile(
    r"\b(?:please\s+|graag\s+)?(?:make|set|put|let|assign(?:\s+(?:it|the plan))?\s+to|change(?:\s+the)?\s+owner\s+to|"
    r"maak|zet|wijs(?:\s+het\s+plan)?\s+toe\s+aan)\b"
    r"|\b(?:the\s+)?(?:new\s+)?(?:plan\s+)?owner(?:\s+of\s+the\s+plan)?(?:\s+(?:is|should\s+be|will\s+be|becomes|to|=))?\s*:?"
    r"|\b(?:de\s+)?(?:nieuwe\s+)?eigenaar(?:\s+van\s+het\s+plan)?(?:\s+(?:is|wordt|moet\s+zijn|op|=))?\s*:?"
    r"|\b(?:is|wordt|will\s+be|becomes|owns)\s+(?:the\s+)?(?:eigenaar|owner|the\s+plan)(?:\s+(?:van\s+het\s+plan|of\s+the\s+plan))?"
    r"|\b(?:is\s+)?in\s+charge(?:\s+of\s+(?:it|the\s+plan))?|\b(?:is\s+)?(?:responsible|verantwoordelijk)(?:\s+for\s+it)?\b"
    r"|\b(?:is|wordt)\s*$",
    re.IGNORECASE,
)
# "from sourcing", "from the CSR team", "in procurement"; Dutch "van inkoop" only for a department word, since
# "van" is also part of names ("Jan van Dijk").
DEPARTMENTS = (
    r"inkoop|sourcing|procurement|purchasing|buying|csr|mvo|duurzaamheid|sustainability|compliance|legal|juridische zaken|"
    r"kwaliteit|quality|hr|finance|financien|operations|logistiek|logistics|sales|verkoop|marketing|directie|management|"
    r"category management|supply chain|risk|risicobeheer"
)
ROLE_AFTER = re.compile(
    r"\s+(?:from|in|of|at)\s+(?:the\s+)?(?P<en>[\w&/ -]{2,40}?)(?:\s+(?:team|department|dept))?\s*(?=[,.;)]|$)"
    rf"|\s+(?:van|bij)\s+(?:de\s+|het\s+)?(?:afdeling\s+)?(?P<nl>(?:{DEPARTMENTS})(?:[\w-]*)?)(?:\s*-?\s*(?:team|afdeling))?\s*(?=[,.;)]|$)",
    re.IGNORECASE,
)
ROLE_SAID = re.compile(
    r"(?:,|\band\b|\ben\b)\s*(?:(?:she|he|they|zij|hij|ze)\s+(?:is|'s|are)\s+)?(?:our|the|onze|de|ons)\s+"
    r"(?P<role>[\w&/ -]{2,40}?)\s*(?=[,.;]|$)",
    re.IGNORECASE,
)


def _email(text: str) -> Tuple[str, str]:
    """(what is given as the e-mail, the text without it)."""
    proper = email_in(text)
    lead = EMAIL_LEAD.search(text)
    if lead and (proper is None or proper in lead.group("address")):
        address = lead.group("address").rstrip(".,;)")
        return address, text[: lead.start()] + " " + text[lead.end() :]
    if proper:
        return proper, text.replace(proper, " ")
    spelled = SPELLED_EMAIL.search(text)
    if spelled:
        return spelled.group(0), text.replace(spelled.group(0), " ")
    return "", text


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,.:;-–()")


def parse_owner(text: str) -> Tuple[str, str, str]:
    """(name, role, e-mail) from an owner edit; the e-mail as given (checked when stored)."""
    email, rest = _email(text or "")
    details = []
    inside = re.search(r"\(([^)]*)\)", rest)
    if inside:
        details = [_tidy(p) for p in inside.group(1).split(",") if _tidy(p) and "@" not in p]
        rest = rest.replace(inside.group(0), " ")
    rest = CHATTER.sub("", rest)
    said = ROLE_SAID.search(rest)
    if said:
        details.append(_tidy(said.group("role")))
        rest = rest[: said.start()] + rest[said.end() :]
    rest = FRAME.sub(",", rest)
    parts = [_tidy(p) for p in rest.split(",")]
    parts = [p for p in parts if p and not re.fullmatch(r"(?i)(and|en|ok|then|dan|the|de|to|is)", p)]
    name = parts[0] if parts else ""
    role = ROLE_AFTER.search(name)
    if role:
        details.insert(0, _tidy(role.group("en") or role.group("nl")))
        name = name[: role.start()]
    details += parts[1:]
    return _tidy(name), ", ".join(d for d in details if d), email
