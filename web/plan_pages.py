"""The exported plan pages the chat links to: /plans/<share key> (printable HTML), /plans/<share key>.md
and /plans/<share key>.pdf (the HTML page printed by headless Chromium, where the machine has it).

The share key is unguessable (records/plan_models.py), so the link shows that one plan;
?lang=nl|en picks the language of the page's own labels. Every view is written to the audit log:
by the signed-in admin on the admin pages, as a share-link view on the chat page's server.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple
from urllib.parse import parse_qs

from sqlalchemy.exc import SQLAlchemyError

from actions.language import language_code
from actions.plans import export, pdf
from actions.records import audit_log
from actions.records.database import session_scope

PLAN_PATH = re.compile(r"^/plans/([A-Za-z0-9_-]{20,64})(\.md|\.pdf)?$")
Reply = Tuple[int, bytes, str]
PLAIN = "text/plain; charset=utf-8"


def plan_reply(
    path: str, query: str, who: Tuple[str, str] = ("share link", ""), channel: str = "plan_link"
) -> Optional[Reply]:
    """(status, body, content type) for a plan page path, or None when the path is not one;
    `who` (name, role) viewed it, for the audit log."""
    found = PLAN_PATH.match(path)
    if not found:
        return None
    key, kind = found.group(1), found.group(2)
    asked = (parse_qs(query).get("lang") or [""])[0]
    try:
        with session_scope() as session:
            row = export.plan_by_key(session, key)
            if row is None:
                return 404, b"Not found", PLAIN
            language = language_code(asked) if asked else row[0].language
            view = export.plan_view(row[0], row[1], language)
            audit_log.add(session, who[0], who[1], channel, "plan_page", row[0].supplier_id, row[1].name)
    except SQLAlchemyError:
        return 503, b"The plans cannot be read right now.", PLAIN
    if kind == ".md":
        return 200, export.markdown(view).encode("utf-8"), "text/markdown; charset=utf-8"
    if kind == ".pdf":
        return pdf_reply(view, language)
    view["pdf_href"] = f"{key}.pdf?lang={language}" if pdf.can_print() else ""
    view["back_href"] = f"/overview?lang={language}" if channel == "admin" else ""  # a share link has no overview
    return 200, export.html(view).encode("utf-8"), "text/html; charset=utf-8"


def pdf_reply(view: dict, language: str) -> Reply:
    """The page as PDF. Each web server answers a request in its own thread, so printing (seconds,
    with a timeout) holds up no one else."""
    if not pdf.can_print():
        return 404, export.text(language, "pdf_unavailable").encode("utf-8"), PLAIN
    data = pdf.print_pdf(export.html({**view, "pdf_href": ""}))
    if data is None:
        return 503, export.text(language, "pdf_failed").encode("utf-8"), PLAIN
    return 200, data, "application/pdf"
