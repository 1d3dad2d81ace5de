"""The admin pages for authorised staff: the overview (where to act first) and the supplier list upload.

Served on 127.0.0.1 only (ADMIN_PORT, default 8081). The key is either the admin token from the
environment (ADMIN_TOKEN) or, with sign-in configured (docs/sign-in.md), the intranet's sign-in token of
a user with an admin role (SIGNIN_ADMIN_ROLES, default csr); with neither set every page says the pages
are disabled. The key is entered once on /signin and kept in an HttpOnly, SameSite=Strict cookie (or sent
as a Bearer header); a sign-in token is checked again on every request, so it stops working when it
expires. Every page view, upload and export is written to the audit log (actions/records/audit_log.py).
"""

from __future__ import annotations

import hmac
import os
import secrets
import time
from collections import OrderedDict
from email.parser import BytesParser
from email.policy import default as email_policy
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union
from urllib.parse import parse_qs, urlencode

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.exc import SQLAlchemyError

from actions import access
from actions.advice.wording import say as advice_say
from actions.plans import export
from actions.plans.overview import (
    LEVERAGE_LEVELS,
    PLAN_STATES,
    Filters,
    filter_choices,
    overview_rows,
    plans_by_state,
    severity_by_leverage,
)
from actions.records import audit_log, supplier_csv
from actions.records.csv_messages import CsvMessage
from actions.records.database import session_scope
from actions.reference import catalogue
from channels import signin
from web.plan_pages import plan_reply

WEB = Path(__file__).resolve().parent
HOST = "127.0.0.1"  # never anything else: the pages are for the machine's own users and a reverse proxy
COOKIE = "imvo_admin"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
CHECKS_KEPT = 20
CHANGES_SHOWN = 200
PLAIN = "text/plain; charset=utf-8"
CHECK_SECONDS = 30 * 60
PLAN_COLOURS = {"none": "#767676", "open": "#0b4f8a", "in_progress": "#8a5a00", "done": "#1e6b2e", "overdue": "#a00000"}
TIER_BACKGROUND = {1: "#f6d5d5", 2: "#fbe3cf", 3: "#fdf1c7", 4: "#eef3f8", 5: "#f2f2f2"}


@lru_cache(maxsize=4)
def page_texts(kind: str) -> Dict[str, Any]:
    return yaml.safe_load((WEB / "pages" / f"{kind}.yml").read_text(encoding="utf-8"))


def texts(kind: str, language: str) -> Dict[str, Any]:
    """A page's texts in one language (nested groups kept as mappings)."""

    def pick(node: Any) -> Any:
        if isinstance(node, dict) and set(node) == {"en", "nl"}:
            return node[language]
        return {key: pick(value) for key, value in node.items()} if isinstance(node, dict) else node

    return pick(page_texts(kind))


@lru_cache(maxsize=1)
def templates() -> Environment:
    return Environment(loader=FileSystemLoader(str(WEB / "templates")), autoescape=select_autoescape(["html"]))


def admin_token() -> str:
    return os.environ.get("ADMIN_TOKEN", "")


def enabled() -> bool:
    return bool(admin_token()) or signin.token_settings() is not None


def access_text() -> str:
    """How the admin pages are reached, as it is now configured (said at start and in the console)."""
    if admin_token():
        return "sign in with the ADMIN_TOKEN that is set"
    if signin.token_settings() is not None:
        return "sign in with a CSR sign-in token"
    return "DISABLED: set ADMIN_TOKEN or configure sign-in (docs/sign-in.md)"


def who_signs_in(token: str) -> Optional[Tuple[str, str]]:
    """(who, role) for the admin token or a valid sign-in token with an admin role; None otherwise."""
    if not token:
        return None
    if admin_token() and hmac.compare_digest(token.encode(), admin_token().encode()):
        return "admin-token", "admin"
    settings = signin.token_settings()
    if settings is None:
        return None
    try:
        identity = signin.verify(token, settings, "admin")
    except signin.SignInError:
        return None
    if not identity.roles & access.admin_roles():
        return None
    return identity.user, identity.role


def audit(who: Tuple[str, str], kind: str, subject: str = "") -> None:
    with session_scope() as session:
        audit_log.add(session, who=who[0], role=who[1], channel="admin", kind=kind, subject=subject)


# Checked uploads waiting for "confirm": check id -> (time, validated rows). Kept in memory, few and short.
_checks: OrderedDict[str, Tuple[float, List[Any]]] = OrderedDict()


def keep_check(rows: List[Any]) -> str:
    check = secrets.token_urlsafe(16)
    _checks[check] = (time.monotonic(), rows)
    while len(_checks) > CHECKS_KEPT:
        _checks.popitem(last=False)
    return check


def take_check(check: str) -> Optional[List[Any]]:
    found = _checks.pop(check, None)
    if found is None or time.monotonic() - found[0] > CHECK_SECONDS:
        return None
    return found[1]


def chart_grid(rows: List[Any], language: str) -> Dict[str, Any]:
    """Severity (rows, most severe on top) × leverage (columns, most on the left): a count per cell."""
    counts = severity_by_leverage(rows)
    # room for the row axis title and the longest row label ("geen risico vastgelegd"); the column axis title on top
    label_width, cell_w, cell_h, top = 200, 90, 50, 64
    columns = [
        (label_width + cell_w * i + cell_w // 2, advice_say(language, "leverage_levels", level))
        for i, level in enumerate(LEVERAGE_LEVELS)
    ]
    tiers = [1, 2, 3, 4, 5]
    tier_names = [advice_say(language, "tier_labels", t) for t in tiers[:4]] + [texts("overview", language)["no_risk"]]
    rows_out = [(top + cell_h * i + cell_h // 2, name) for i, name in enumerate(tier_names)]
    cells = []
    biggest = max(counts.values(), default=1)
    for ti, tier in enumerate(tiers):
        for li, level in enumerate(LEVERAGE_LEVELS):
            count = counts.get((tier, level), 0)
            cells.append(
                {
                    "x": label_width + cell_w * li + cell_w // 2,
                    "y": top + cell_h * ti + cell_h // 2,
                    "count": count,
                    "radius": round(8 + 12 * (count / biggest) ** 0.5, 1),
                    "background": TIER_BACKGROUND[tier],
                    "title": f"{tier_names[ti]} × {columns[li][1]}: {count}",
                }
            )
    return {
        "width": label_width + cell_w * 4 + 10,
        "height": top + cell_h * 5 + 10,
        "label_width": label_width,
        "top": top,
        "plot_middle": label_width + cell_w * 2,
        "rows_middle": top + cell_h * 5 // 2,
        "columns": columns,
        "rows": rows_out,
        "cells": cells,
    }


def chart_bars(rows: List[Any], language: str) -> Dict[str, Any]:
    counts = plans_by_state(rows)
    states = texts("overview", language)["plan_states"]
    biggest = max(counts.values(), default=0) or 1
    items = [
        {
            "label": states[s],
            "count": counts[s],
            "y": 10 + 30 * i,
            "length": round(220 * counts[s] / biggest),
            "colour": PLAN_COLOURS[s],
        }
        for i, s in enumerate(PLAN_STATES)
    ]
    return {"width": 420, "height": 10 + 30 * len(items), "label_width": 110, "entries": items}


def overview_page(language: str, query: Dict[str, List[str]]) -> str:
    t = texts("overview", language)
    wanted = {name: (query.get(name) or [""])[0] for name in ("country", "sector", "risk")}
    with session_scope() as session:
        choices = filter_choices(session)
        filters = Filters(**{k: v if v in choices[k] else "" for k, v in wanted.items()})
        everyone = overview_rows(session)
        rows = overview_rows(session, filters)
    named = {
        "country": [(c, catalogue.country_name(c, language)) for c in choices["country"]],
        "sector": [(s, catalogue.sector(s).name(language)) for s in choices["sector"]],
        "risk": [(r, catalogue.risk_type(r).name(language)) for r in choices["risk"]],
    }
    shown = []
    for r in rows:
        rating = r.country_rating or t["no_rating"]
        risk = catalogue.risk_type(r.top_risk)
        plan = t["plan_states"][r.plan_state]
        if r.plan_state != "none":
            plan += " (" + t["plan_progress"].format(done=r.plan_done, active=r.plan_active) + ")"
        shown.append(
            {
                "place": r.place,
                "name": r.name,
                "country": f"{catalogue.country_name(r.country_iso2, language)} ({rating})",
                "risk": f"{risk.name(language)} ({advice_say(language, 'tier_labels', r.top_tier)})"
                if risk
                else t["no_risk"],
                "leverage": advice_say(language, "leverage_levels", r.leverage),
                "plan": plan,
                "plan_key": r.plan_key,
            }
        )
    return render(
        "overview.html",
        language,
        title=t["title"],
        t=t,
        rows=shown,
        choices=[(name, sorted(named[name], key=lambda pair: pair[1])) for name in ("country", "sector", "risk")],
        filters={"country": filters.country, "sector": filters.sector, "risk": filters.risk},
        shown=t["shown"].format(count=len(rows), total=len(everyone)),
        grid=chart_grid(rows, language),
        bars=chart_bars(rows, language),
        other_query={"lang": "nl" if language == "en" else "en", **{k: v for k, v in wanted.items() if v}},
    )


def render(
    template: str,
    language: str,
    other_query: Optional[Dict[str, str]] = None,
    path: str = "/overview",
    signed_in: bool = True,
    **values: Any,
) -> str:
    other = other_query or {"lang": "nl" if language == "en" else "en"}
    return (
        templates()
        .get_template(template)
        .render(
            language=language,
            a=texts("admin", language),
            signed_in=signed_in,
            other_language_url=f"{path}?{urlencode(other)}",
            **values,
        )
    )


def upload_file(body: bytes, content_type: str) -> Optional[bytes]:
    """The uploaded file's bytes from a multipart/form-data body, or None when there is none."""
    message = BytesParser(policy=email_policy).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        return None
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file":
            data = part.get_payload(decode=True)
            return data if data else None
    return None


def in_language(message: Any, language: str) -> str:
    """A message of the supplier list check (actions/records/csv_messages.yml) in the page's language."""
    return message.text(language) if isinstance(message, CsvMessage) else str(message)


def upload_result(language: str, raw: Optional[bytes]) -> Tuple[int, str]:
    """The dry run of an uploaded file: what would change, or every bad row; nothing is written."""
    t = texts("upload", language)
    if not raw:
        return 400, render(
            "upload.html", language, path="/upload", title=t["title"], t=t, stage="form", error=t["no_file"]
        )
    try:
        rows, problems = supplier_csv.parse(supplier_csv.decode(raw))
    except supplier_csv.SupplierFileError as error:
        rows, problems = [], error.problems
    if not problems and not rows:
        problems = [CsvMessage("no_rows")]
    if problems:
        shown = [in_language(p, language) for p in problems]
        return 422, render("upload.html", language, path="/upload", title=t["title"], t=t, stage="bad", problems=shown)
    with session_scope() as session:
        summary = supplier_csv.import_rows(session, rows, dry_run=True)
        session.rollback()
    return 200, render(
        "upload.html",
        language,
        path="/upload",
        title=t["title"],
        t=t,
        stage="dry_run",
        summary=summary,
        changes=[in_language(c, language) for c in summary.changes[:CHANGES_SHOWN]],
        check=keep_check(rows),
    )


def confirm_result(language: str, check: str) -> Tuple[int, str]:
    t = texts("upload", language)
    rows = take_check(check)
    if rows is None:
        return 410, render(
            "upload.html", language, path="/upload", title=t["title"], t=t, stage="form", error=t["expired"]
        )
    with session_scope() as session:
        summary = supplier_csv.import_rows(session, rows)
    changes = [in_language(c, language) for c in summary.changes[:CHANGES_SHOWN]]
    return 200, render(
        "upload.html", language, path="/upload", title=t["title"], t=t, stage="done", summary=summary, changes=changes
    )


def signin_page(language: str, wrong: bool) -> str:
    """The sign-in form; `wrong` after a token that did not match."""
    title = texts("admin", language)["sign_in_title"]
    return render("signin.html", language, path="/signin", signed_in=False, title=title, wrong=wrong)


class Handler(BaseHTTPRequestHandler):
    server_version = "imvo-admin"

    # --- what every request shares -------------------------------------------------------------
    def _language(self, query: Dict[str, List[str]]) -> str:
        asked = (query.get("lang") or [""])[0]
        if asked in ("nl", "en"):
            return asked
        return "nl" if (self.headers.get("Accept-Language") or "").lower().startswith("nl") else "en"

    def _signed_in(self) -> Optional[Tuple[str, str]]:
        """(who, role) of the signed-in user, or None."""
        given = ""
        auth = self.headers.get("Authorization") or ""
        if auth.startswith("Bearer "):
            given = auth[len("Bearer ") :]
        for part in (self.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE and not given:
                given = value
        return who_signs_in(given)

    def _send(
        self,
        status: int,
        body: Union[str, bytes],
        kind: str = "text/html; charset=utf-8",
        headers: Optional[Dict[str, str]] = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body  # bytes: a plan's PDF
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _redirect(self, location: str, headers: Optional[Dict[str, str]] = None) -> None:
        self._send(303, "", headers={"Location": location, **(headers or {})})

    def _gate(self, language: str) -> bool:
        """True when the request may go on; otherwise the answer has been sent."""
        if self.client_address[0] not in ("127.0.0.1", "::1"):
            self._send(403, texts("admin", language)["forbidden"], PLAIN)
            return False
        if not enabled():
            a = texts("admin", language)
            page = render("message.html", language, signed_in=False, title=a["disabled_title"], message=a["disabled"])
            self._send(503, page)
            return False
        return True

    def _read_body(self) -> Optional[bytes]:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_UPLOAD_BYTES:
            return None
        return self.rfile.read(length)

    # --- routes --------------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._guarded(self._get)

    def do_POST(self) -> None:
        self._guarded(self._post)

    def _guarded(self, handle: Any) -> None:
        """A polite error instead of a stack trace or a dropped connection."""
        try:
            handle()
        except Exception:  # logged here; the user sees a short message
            import traceback

            traceback.print_exc()
            language = self._language(parse_qs(self.path.partition("?")[2]))
            self._send(500, texts("admin", language)["went_wrong"], PLAIN)

    def _get(self) -> None:
        path, _, raw_query = self.path.partition("?")
        query = parse_qs(raw_query)
        language = self._language(query)
        if not self._gate(language):
            return
        if path == "/signin":
            self._send(200, signin_page(language, wrong=False))
            return
        who = self._signed_in()
        if not who:
            self._redirect(f"/signin?lang={language}")
            return
        try:
            if path in ("/", "/overview"):
                page = overview_page(language, query)
                audit(who, "admin_overview", raw_query)
                self._send(200, page)
            elif path == "/upload":
                t = texts("upload", language)
                self._send(
                    200, render("upload.html", language, path="/upload", title=t["title"], t=t, stage="form", error="")
                )
            elif path == "/plans.csv":
                with session_scope() as session:
                    body = export.csv_of_all_plans(session)
                audit(who, "admin_plans_export", "action-plans.csv")
                self._send(
                    200,
                    body,
                    "text/csv; charset=utf-8",
                    {"Content-Disposition": 'attachment; filename="action-plans.csv"'},
                )
            else:
                plan = plan_reply(path, raw_query, who=who, channel="admin")
                if plan is None:
                    self._send(404, texts("admin", language)["not_found"], PLAIN)
                else:
                    self._send(*plan)
        except SQLAlchemyError:
            self._send(503, texts("admin", language)["records_unavailable"], PLAIN)

    def _post(self) -> None:
        path, _, raw_query = self.path.partition("?")
        language = self._language(parse_qs(raw_query))
        if not self._gate(language):
            return
        body = self._read_body()
        if path == "/signin":
            token = (parse_qs((body or b"").decode("utf-8", "replace")).get("token") or [""])[0]
            if who_signs_in(token):
                cookie = f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
                self._redirect(f"/overview?lang={language}", {"Set-Cookie": cookie})
            else:
                self._send(401, signin_page(language, wrong=True))
            return
        who = self._signed_in()
        if not who:
            self._redirect(f"/signin?lang={language}")
            return
        try:
            if path == "/upload":
                if body is None:
                    t = texts("upload", language)
                    error = t["too_large"].format(mb=MAX_UPLOAD_BYTES // (1024 * 1024))
                    self._send(
                        413,
                        render(
                            "upload.html", language, path="/upload", title=t["title"], t=t, stage="form", error=error
                        ),
                    )
                    return
                status, page = upload_result(language, upload_file(body, self.headers.get("Content-Type") or ""))
                audit(who, "admin_upload_check")
                self._send(status, page)
            elif path == "/upload/confirm":
                check = (parse_qs((body or b"").decode("utf-8", "replace")).get("check") or [""])[0]
                status, page = confirm_result(language, check)
                audit(who, "admin_upload_confirm", f"HTTP {status}")
                self._send(status, page)
            else:
                self._send(404, texts("admin", language)["not_found"], PLAIN)
        except SQLAlchemyError:
            self._send(503, texts("admin", language)["records_unavailable"], PLAIN)

    def log_message(self, fmt: str, *args: Any) -> None:
        print(f"{self.address_string()} {fmt % args}", flush=True)


def main() -> None:
    port = int(os.environ.get("ADMIN_PORT", "8081"))
    server = ThreadingHTTPServer((HOST, port), Handler)
    print(f"Admin pages on http://{HOST}:{port}/overview – {access_text()}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
