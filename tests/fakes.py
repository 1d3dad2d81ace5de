"""Local stand-ins for Slack's Web API and Microsoft's Bot Framework services,
speaking their protocols and checking tokens as the real services would."""

from __future__ import annotations

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List
from urllib.parse import parse_qs

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


class _Server:
    def __init__(self, handler_class) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
        self.httpd.fake = self
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def wait_for(self, condition, seconds: float = 30.0):
        deadline = time.time() + seconds
        while time.time() < deadline:
            result = condition()
            if result:
                return result
            time.sleep(0.1)
        return condition()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def _json(self, status: int, body: Dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))


class FakeSlackApi(_Server):
    """chat.postMessage: records each message; rejects a wrong bot token with invalid_auth."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.posted: List[Dict[str, Any]] = []
        self.rejected = 0
        super().__init__(self._handler())

    def _handler(self):
        class Handler(_Handler):
            def do_POST(self) -> None:
                fake: FakeSlackApi = self.server.fake
                raw = self._body()
                if self.headers.get("Authorization") != f"Bearer {fake.token}":
                    fake.rejected += 1
                    return self._json(200, {"ok": False, "error": "invalid_auth"})
                if not self.path.endswith("/chat.postMessage"):
                    return self._json(200, {"ok": False, "error": "unknown_method"})
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or b"{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                fake.posted.append(body)
                self._json(200, {"ok": True, "channel": body.get("channel"), "ts": str(time.time())})

        return Handler

    def texts_for(self, channel: str) -> List[str]:
        return [m.get("text", "") for m in self.posted if m.get("channel") == channel]


class FakeBotFramework(_Server):
    """OpenID metadata + signing keys, the tenant token endpoint and the
    connector's reply endpoint (which checks the token it issued)."""

    ISSUER = "https://api.botframework.com"

    def __init__(self, app_id: str, app_password: str, tenant_id: str) -> None:
        self.app_id, self.app_password, self.tenant_id = app_id, app_password, tenant_id
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        self.issued_tokens: List[str] = []
        self.replies: List[Dict[str, Any]] = []
        self.rejected_replies = 0
        self.key_fetches = 0
        super().__init__(self._handler())

    def _handler(self):
        class Handler(_Handler):
            def do_GET(self) -> None:
                fake: FakeBotFramework = self.server.fake
                if self.path == "/.well-known/openidconfiguration":
                    return self._json(200, {"issuer": fake.ISSUER, "jwks_uri": f"{fake.url}/keys"})
                if self.path == "/keys":
                    fake.key_fetches += 1
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(fake.key.public_key()))
                    jwk.update({"kid": fake.kid, "use": "sig", "alg": "RS256"})
                    return self._json(200, {"keys": [jwk]})
                self._json(404, {"error": "not found"})

            def do_POST(self) -> None:
                fake: FakeBotFramework = self.server.fake
                raw = self._body()
                if self.path == f"/{fake.tenant_id}/oauth2/v2.0/token":
                    form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                    good = (
                        form.get("grant_type") == "client_credentials"
                        and form.get("client_id") == fake.app_id
                        and form.get("client_secret") == fake.app_password
                        and form.get("scope") == "https://api.botframework.com/.default"
                    )
                    if not good:
                        return self._json(401, {"error": "invalid_client"})
                    token = uuid.uuid4().hex
                    fake.issued_tokens.append(token)
                    return self._json(200, {"token_type": "Bearer", "expires_in": 3599, "access_token": token})
                if self.path.startswith("/v3/conversations/"):
                    auth = self.headers.get("Authorization", "")
                    if auth[len("Bearer ") :] not in fake.issued_tokens:
                        fake.rejected_replies += 1
                        return self._json(401, {"error": "unauthorized"})
                    fake.replies.append(json.loads(raw))
                    return self._json(200, {"id": uuid.uuid4().hex})
                self._json(404, {"error": "not found"})

        return Handler

    def token(
        self,
        audience: str | None = None,
        issuer: str | None = None,
        expires_in: int = 600,
        key=None,
        service_url: str | None = None,
    ) -> str:
        now = int(time.time())
        claims = {
            "iss": issuer or self.ISSUER,
            "aud": audience or self.app_id,
            "iat": now,
            "nbf": now,
            "exp": now + expires_in,
            "serviceurl": service_url or self.url,
        }
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": self.kid})

    def activity(
        self, text: str, conversation: str, locale: str = "nl-NL", tenant: str | None = None
    ) -> Dict[str, Any]:
        """A message activity as Teams sends it (channelData names the tenant, by default the bot's own)."""
        return {
            "type": "message",
            "id": uuid.uuid4().hex,
            "text": text,
            "locale": locale,
            "serviceUrl": self.url,
            "channelId": "msteams",
            "from": {"id": "29:user-" + conversation, "name": "Test User"},
            "recipient": {"id": "28:" + self.app_id, "name": "IMVO assistant"},
            "conversation": {"id": conversation},
            "channelData": {"tenant": {"id": tenant or self.tenant_id}},
        }

    def replies_in(self, conversation: str) -> List[Dict[str, Any]]:
        return [r for r in self.replies if (r.get("conversation") or {}).get("id") == conversation]
