"""Fitting the bot's messages to chat platforms with size limits."""

from __future__ import annotations

from typing import List


def split_text(text: str, limit: int) -> List[str]:
    """Split long advice at paragraph, then line, then word boundaries."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: List[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            parts.append(line[:cut])
            line = line[cut:].lstrip()
        current = line
    if current:
        parts.append(current)
    return parts


def numbered_options(titles: List[str]) -> str:
    return "\n".join(f"{number}. {title}" for number, title in enumerate(titles, 1))
