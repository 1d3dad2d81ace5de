"""Rasa's REST channel (/webhooks/rest/webhook) with an optional bearer token
and a clear 4xx answer for requests it cannot handle (not JSON, no message, too large).

Rasa's own REST webhook accepts anyone. With REST_API_TOKEN set, every request
must carry `Authorization: Bearer <token>` (compared in constant time);
without it the channel is open, which is meant for a machine's own use only
(`make run` on a laptop). See docs/channels.md.
"""

from __future__ import annotations

import hmac
import json
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

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


class TokenRestChannel(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        channel = cls()
        channel.token = os.environ.get("REST_API_TOKEN", "")
        return channel

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
            if not self.authorised(request):
                return response.json(
                    {"error": "A valid 'Authorization: Bearer <token>' header is required."},
                    status=HTTPStatus.UNAUTHORIZED,
                )
            return malformed(request)

        return blueprint
