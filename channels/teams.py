"""Microsoft Teams through the Azure Bot Service (Bot Framework), configured from the environment.

Why not Rasa's built-in `botframework` connector: it asks the multi-tenant
botframework.com token endpoint, which single-tenant Azure bots (the only kind
created since mid-2025) cannot use, and it downloads Microsoft's signing keys
when the server starts, so the server does not start without internet.

This channel:
- gets its outgoing token from the tenant's endpoint (BOTFRAMEWORK_TENANT_ID),
  cached until shortly before it expires;
- validates every incoming request's JWT: signature (Microsoft's published
  keys, fetched on first use and cached for a day), issuer, audience (the app
  id), expiry and the serviceUrl claim;
- strips <at>…</at> mentions and passes the Teams locale as the language hint.
Sign-in (docs/sign-in.md): only activities from the tenant BOTFRAMEWORK_TENANT_ID are answered
(channelData.tenant.id); a Teams user's roles come from TEAMS_USER_ROLES (their Entra object id,
"aadObjectId:csr,…"), everyone else is staff. The rate limit (channels/rate_limit.py) answers a sender
over it with a message in Teams.
Settings: BOTFRAMEWORK_APP_ID, BOTFRAMEWORK_APP_PASSWORD, BOTFRAMEWORK_TENANT_ID;
BOTFRAMEWORK_OPENID_URL and BOTFRAMEWORK_LOGIN_URL only for a proxy or the tests.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional

import aiohttp
import jwt
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from channels import rate_limit, signin, texts
from channels.formatting import split_text

logger = logging.getLogger(__name__)

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
DEFAULT_OPENID_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
DEFAULT_LOGIN_URL = "https://login.microsoftonline.com"
TOKEN_SCOPE = "https://api.botframework.com/.default"
KEY_CACHE_SECONDS = 24 * 3600
CLOCK_SKEW_SECONDS = 300
TEAMS_TEXT_LIMIT = 20000
_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)


class TokenValidationError(Exception):
    pass


class BotFrameworkAuth:
    """Incoming JWT validation and outgoing tokens, both fetched lazily."""

    def __init__(self, app_id: str, app_password: str, tenant_id: str, openid_url: str, login_url: str) -> None:
        self.app_id, self.app_password, self.tenant_id = app_id, app_password, tenant_id
        self.openid_url, self.login_url = openid_url, login_url.rstrip("/")
        self._keys: Dict[str, Any] = {}
        self._keys_fetched = 0.0
        self._token: Optional[str] = None
        self._token_expires = 0.0
        self._lock = asyncio.Lock()

    async def _fetch_keys(self, session: aiohttp.ClientSession) -> None:
        async with session.get(self.openid_url) as reply:
            reply.raise_for_status()
            jwks_uri = (await reply.json(content_type=None))["jwks_uri"]
        async with session.get(jwks_uri) as reply:
            reply.raise_for_status()
            keys = (await reply.json(content_type=None))["keys"]
        self._keys = {k["kid"]: jwt.algorithms.RSAAlgorithm.from_jwk(k) for k in keys if "kid" in k}
        self._keys_fetched = time.time()

    async def _key(self, kid: str) -> Any:
        async with self._lock:
            stale = time.time() - self._keys_fetched > KEY_CACHE_SECONDS
            if stale or kid not in self._keys:
                async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
                    await self._fetch_keys(session)
        if kid not in self._keys:
            raise TokenValidationError("unknown signing key")
        return self._keys[kid]

    async def validate(self, authorization: Optional[str], service_url: Optional[str]) -> Dict[str, Any]:
        if not authorization or not authorization.startswith("Bearer "):
            raise TokenValidationError("missing bearer token")
        token = authorization[len("Bearer ") :]
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError as error:
            raise TokenValidationError(f"malformed token: {error}") from error
        if not kid:
            raise TokenValidationError("token has no key id")
        try:
            key = await self._key(kid)
            claims = jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=self.app_id,
                issuer=BOT_FRAMEWORK_ISSUER,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except (jwt.PyJWTError, aiohttp.ClientError, asyncio.TimeoutError, KeyError, ValueError) as error:
            raise TokenValidationError(str(error)) from error
        claimed_url = claims.get("serviceurl") or claims.get("serviceUrl")
        if claimed_url and service_url and claimed_url.rstrip("/") != service_url.rstrip("/"):
            raise TokenValidationError("serviceUrl does not match the token")
        return claims

    async def outgoing_token(self, session: aiohttp.ClientSession) -> str:
        if self._token and time.time() < self._token_expires - 60:
            return self._token
        url = f"{self.login_url}/{self.tenant_id}/oauth2/v2.0/token"
        form = {
            "grant_type": "client_credentials",
            "client_id": self.app_id,
            "client_secret": self.app_password,
            "scope": TOKEN_SCOPE,
        }
        async with session.post(url, data=form) as reply:
            reply.raise_for_status()
            body = await reply.json(content_type=None)
        self._token = body["access_token"]
        self._token_expires = time.time() + int(body.get("expires_in", 3600))
        return self._token


class TeamsOutput(OutputChannel):
    @classmethod
    def name(cls) -> str:
        return "teams"

    def __init__(self, auth: BotFrameworkAuth, activity: Dict[str, Any]) -> None:
        self.auth = auth
        self.activity = activity

    async def _post(self, reply: Dict[str, Any]) -> None:
        activity = self.activity
        url = (
            f"{activity['serviceUrl'].rstrip('/')}/v3/conversations/"
            f"{activity['conversation']['id']}/activities/{activity.get('id', '')}"
        )
        body = {
            "type": "message",
            "from": activity.get("recipient"),
            "recipient": activity.get("from"),
            "conversation": activity.get("conversation"),
            "replyToId": activity.get("id"),
            "textFormat": "markdown",
            **reply,
        }
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15)) as session:
            token = await self.auth.outgoing_token(session)
            async with session.post(url, json=body, headers={"Authorization": f"Bearer {token}"}) as answer:
                if answer.status >= 400:
                    logger.error("Teams rejected a reply: %s %s", answer.status, await answer.text())

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in split_text(text, TEAMS_TEXT_LIMIT):
            await self._post({"text": part})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        parts = split_text(text, TEAMS_TEXT_LIMIT) or [" "]
        for part in parts[:-1]:
            await self._post({"text": part})
        actions = [
            {"type": "messageBack", "title": b["title"], "text": b["payload"], "displayText": b["title"]}
            for b in buttons
        ]
        await self._post({"text": parts[-1], "suggestedActions": {"actions": actions}})

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._post({"attachments": [{"contentType": "image/png", "contentUrl": image}]})

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        await self._post(json_message)


class TeamsChannel(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "teams"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls(
            os.environ.get("BOTFRAMEWORK_APP_ID", ""),
            os.environ.get("BOTFRAMEWORK_APP_PASSWORD", ""),
            os.environ.get("BOTFRAMEWORK_TENANT_ID", ""),
            os.environ.get("BOTFRAMEWORK_OPENID_URL") or DEFAULT_OPENID_URL,
            os.environ.get("BOTFRAMEWORK_LOGIN_URL") or DEFAULT_LOGIN_URL,
        )

    def __init__(self, app_id: str, app_password: str, tenant_id: str, openid_url: str, login_url: str) -> None:
        self.auth = BotFrameworkAuth(app_id, app_password, tenant_id, openid_url, login_url)

    @property
    def configured(self) -> bool:
        return bool(self.auth.app_id and self.auth.app_password and self.auth.tenant_id)

    @staticmethod
    def tenant_of(activity: Dict[str, Any]) -> str:
        channel_data = activity.get("channelData") if isinstance(activity.get("channelData"), dict) else {}
        tenant = channel_data.get("tenant") if isinstance(channel_data.get("tenant"), dict) else {}
        return str(tenant.get("id") or (activity.get("conversation") or {}).get("tenantId") or "")

    @staticmethod
    def message_text(activity: Dict[str, Any]) -> str:
        value = activity.get("value")
        if isinstance(value, dict) and isinstance(value.get("payload"), str):
            return value["payload"]
        return _MENTION.sub(" ", activity.get("text") or "").strip()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        teams_webhook = Blueprint("teams_webhook", __name__)

        @teams_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @teams_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> response.HTTPResponse:
            if not self.configured:
                return response.text("Teams is not configured on this server.", status=HTTPStatus.SERVICE_UNAVAILABLE)
            try:
                activity = request.json
            except Exception:  # sanic raises on a body that is not JSON
                activity = None
            if not isinstance(activity, dict) or not activity.get("serviceUrl"):
                return response.text("Expected a Bot Framework activity.", status=HTTPStatus.BAD_REQUEST)
            try:
                await self.auth.validate(request.headers.get("Authorization"), activity.get("serviceUrl"))
            except TokenValidationError as error:
                logger.warning("Rejected a Teams request: %s", error)
                return response.text("Unauthorized", status=HTTPStatus.UNAUTHORIZED)
            if self.tenant_of(activity) != self.auth.tenant_id:
                logger.warning("Refused a Teams activity from tenant %r", self.tenant_of(activity))
                return response.text("This tenant is not served.", status=HTTPStatus.FORBIDDEN)
            if activity.get("type") != "message":
                return response.text("", status=HTTPStatus.OK)
            text = self.message_text(activity)
            if not text:
                return response.text("", status=HTTPStatus.OK)
            sender = (activity.get("from") or {}).get("id") or "teams-user"
            conversation = (activity.get("conversation") or {}).get("id") or ""
            wait = rate_limit.retry_after(self.name(), sender)
            if wait is not None:
                await TeamsOutput(self.auth, activity).send_text_message(
                    sender, texts.say("rate_limited", activity.get("locale"), seconds=wait)
                )
                return response.text("", status=HTTPStatus.OK)
            user = (activity.get("from") or {}).get("aadObjectId") or sender
            who = signin.platform_identity("TEAMS_USER_ROLES", user, self.name())
            metadata = signin.stamped({"language": activity.get("locale"), "teams_conversation": conversation}, who)
            await on_new_message(
                UserMessage(
                    text,
                    TeamsOutput(self.auth, activity),
                    f"{sender}:{conversation}",
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )
            return response.text("", status=HTTPStatus.OK)

        return teams_webhook
