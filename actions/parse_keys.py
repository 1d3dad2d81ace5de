"""What the Rasa server's pipeline adds to a parsed message, for the actions to read.

One home for these names: the components (components/message_focus.py,
components/language_detector.py) write them, the actions read them.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

MAX_MESSAGE_CHARS = 6000  # longer messages are not interpreted: the user is asked to shorten them
FULL_TEXT = "full_text"  # a long paste, of which the pipeline read the closing question
LANGUAGE_REQUEST = "language_request"  # "…, in het Nederlands graag": the language asked for inside a task
TOO_LONG = "message_too_long"  # {"chars": n, "limit": MAX_MESSAGE_CHARS}
LANGUAGE_DETECTION = "language_detection"  # {"language": "nl" | "en" | None, "explicit": bool}


def too_long(parse_data: Dict[str, Any]) -> Optional[Dict[str, int]]:
    found = parse_data.get(TOO_LONG)
    return found if isinstance(found, dict) else None
