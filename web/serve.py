"""Serves the demo intranet page with the chat widget (web/public + web/dist) on WEB_PORT,
and the exported plan pages the chat links to (web/plan_pages.py).

The page is static; only the address of the Rasa server's socket.io channel is
filled in (RASA_PUBLIC_URL, default http://localhost:RASA_PORT).
"""

from __future__ import annotations

import os
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from web.plan_pages import plan_reply

WEB = Path(__file__).resolve().parent
FILES = {
    "/imvo-chat.js": (WEB / "dist" / "imvo-chat.js", "application/javascript; charset=utf-8"),
    "/imvo-chat.css": (WEB / "dist" / "imvo-chat.css", "text/css; charset=utf-8"),
}


def socket_url() -> str:
    return os.environ.get("RASA_PUBLIC_URL") or f"http://localhost:{os.environ.get('RASA_PORT', '5005')}"


class Handler(SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        plan = plan_reply(path, query)
        if plan is not None:
            self._reply(plan[1], plan[2], plan[0])
        elif path in ("/", "/index.html"):
            page = (WEB / "public" / "index.html").read_text(encoding="utf-8")
            self._reply(page.replace("__SOCKET_URL__", socket_url()).encode("utf-8"), "text/html; charset=utf-8")
        elif path in FILES and FILES[path][0].exists():
            file, kind = FILES[path]
            self._reply(file.read_bytes(), kind)
        else:
            self.send_error(404, "Not found")

    def _reply(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt: str, *args) -> None:
        print(f"{self.address_string()} {fmt % args}", flush=True)


def main() -> None:
    port = int(os.environ.get("WEB_PORT", "8080"))
    server = ThreadingHTTPServer(("0.0.0.0", port), partial(Handler))
    print(f"Chat page on http://localhost:{port}/ (socket.io at {socket_url()})", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
