"""Rasa's REST channel (/webhooks/rest/webhook) with an optional bearer token.

Rasa's own REST webhook accepts anyone. With REST_API_TOKEN set, every request
must carry `Authorization: Bearer <token>` (compared in constant time);
without it the channel is open, which is meant for a machine's own use only
(`make run` on a laptop). See docs/channels.md.
"""
from __future__ import annotations

import hmac
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request


class TokenRestChannel(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
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
        async def require_token(request: Request) -> Optional[response.HTTPResponse]:
            if request.path.endswith("/webhook") and not self.authorised(request):
                return response.json({"error": "A valid 'Authorization: Bearer <token>' header is required."},
                                     status=HTTPStatus.UNAUTHORIZED)
            return None

        return blueprint
