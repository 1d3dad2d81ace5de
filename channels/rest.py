"""Rasa's REST channel (/webhooks/rest/webhook) with an optional bearer token
and a clear 4xx answer for requests it cannot handle (not JSON, no message, too large).

Rasa's own REST webhook accepts anyone. With REST_API_TOKEN set, every request
must carry `Authorization: Bearer <token>` (compared in constant time);
without it the channel is open, which is meant for a machine's own use only
(`make run` on a laptop). With sign-in configured (docs/sign-in.md) an open REST channel
would bypass it, so then REST without a token refuses every request (and says so at start).
The token is a trusted integration's: its messages get the role REST_API_ROLE (default csr).
A sender over the rate limit (channels/rate_limit.py) gets HTTP 429 with Retry-After. See docs/channels.md.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from actions import access
from channels import rate_limit, signin, texts

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 100_000
MAX_MESSAGE_CHARS = 20_000


def malformed(request: Request) -> Optional[response.HTTPResponse]:
    """A clear 4xx for a request the bot cannot answer; None when it is fine."""

    def error(status: HTTPStatus, text: str) -> response.HTTPResponse:
        return response.json({"error": text}, status=status)

    if len(request.body or b"") > MAX_BODY_BYTES:
        return error(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"The request is larger than {MAX_BODY_BYTES // 1000} kB; please send a shorter message.",
        )
    try:
        body = json.loads((request.body or b"").decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return error(
            HTTPStatus.BAD_REQUEST,
            'The request body must be JSON in UTF-8, like {"sender": "you", "message": "hello"}.',
        )
    if not isinstance(body, dict) or not isinstance(body.get("message"), str):
        return error(
            HTTPStatus.BAD_REQUEST, 'The request needs a "message" text, like {"sender": "you", "message": "hello"}.'
        )
    if not isinstance(body.get("sender", ""), str) or len(body.get("sender", "")) > 200:
        return error(HTTPStatus.BAD_REQUEST, 'The "sender" must be a text of at most 200 characters.')
    if len(body["message"]) > MAX_MESSAGE_CHARS:
        return error(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"The message is longer than {MAX_MESSAGE_CHARS} characters; please send a shorter one.",
        )
    return None


def over_the_limit(request: Request) -> Optional[response.HTTPResponse]:
    """HTTP 429 with Retry-After for a sender over the rate limit (channels/rate_limit.py); None otherwise."""
    wait = rate_limit.retry_after("rest", str(request.json.get("sender") or "default"))
    if wait is None:
        return None
    return response.json(
        {"error": texts.say("rate_limited", seconds=wait), "retry_after": wait},
        status=HTTPStatus.TOO_MANY_REQUESTS,
        headers={"Retry-After": str(wait)},
    )


class TokenRestChannel(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        channel = cls()
        channel.token = os.environ.get("REST_API_TOKEN", "")
        channel.role = signin.roles_of(os.environ.get("REST_API_ROLE") or "csr")
        channel.disabled = access.configured() and not channel.token
        if channel.disabled:
            logger.error("Sign-in is configured but REST_API_TOKEN is not: the REST channel refuses every request.")
        return channel

    def get_metadata(self, request: Request) -> Dict[str, Any]:
        """The caller's metadata with the REST identity; what it sent under the sign-in key is replaced."""
        body = request.json if isinstance(request.json, dict) else {}
        who = signin.identity(f"rest:{body.get('sender') or 'default'}", self.role, self.name())
        return signin.stamped(body.get("metadata"), who)

    def authorised(self, request: Request) -> bool:
        if not self.token:
            return True
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)

        @blueprint.on_request
        async def check_request(request: Request) -> Optional[response.HTTPResponse]:
            if not request.path.endswith("/webhook"):
                return None
            if self.disabled:
                return response.json({"error": texts.say("rest_needs_token")}, status=HTTPStatus.SERVICE_UNAVAILABLE)
            if not self.authorised(request):
                return response.json(
                    {"error": "A valid 'Authorization: Bearer <token>' header is required."},
                    status=HTTPStatus.UNAUTHORIZED,
                )
            return malformed(request) or over_the_limit(request)

        return blueprint
