"""Slack, configured from the environment.

Rasa's Slack connector with three changes:
- settings come from SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_CHANNEL
  (optional), so no secret is written in credentials.yml;
- without a signing secret every request is refused (Rasa would otherwise
  accept requests signed with an empty key);
- SLACK_API_URL can point the Web API client elsewhere (a proxy, or the local
  fake Slack API the tests use); long advice is split into Slack-sized blocks.
Requests must carry a valid X-Slack-Signature and a timestamp less than five
minutes old (checked by Rasa's SlackInput).
"""

from __future__ import annotations

import os
import secrets
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from slack_sdk.web.async_client import AsyncWebClient

from channels.formatting import split_text

SLACK_SECTION_LIMIT = 2900  # Slack allows 3000 characters in a section block
DEFAULT_API_URL = "https://slack.com/api/"


class ImvoSlackBot(SlackBot):
    def __init__(
        self, token: str, api_url: str, slack_channel: Optional[str] = None, thread_id: Optional[str] = None
    ) -> None:
        super().__init__(token, slack_channel, thread_id)
        self.client = AsyncWebClient(token, base_url=api_url)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        recipient = self.slack_channel or recipient_id
        for part in split_text(text, SLACK_SECTION_LIMIT):
            await self._post_message(channel=recipient, as_user=True, text=part, type="mrkdwn")

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        recipient = self.slack_channel or recipient_id
        parts = split_text(text, SLACK_SECTION_LIMIT) or [" "]
        for part in parts[:-1]:
            await self._post_message(channel=recipient, as_user=True, text=part, type="mrkdwn")
        blocks: List[Dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": parts[-1]}}]
        # an actions block holds at most 25 elements; titles at most 75 characters
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {"type": "button", "text": {"type": "plain_text", "text": b["title"][:75]}, "value": b["payload"]}
                    for b in buttons[:25]
                ],
            }
        )
        await self._post_message(channel=recipient, as_user=True, text=parts[-1], blocks=blocks)


class SlackChannel(SlackInput):
    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        credentials = credentials or {}
        secret = os.environ.get("SLACK_SIGNING_SECRET", "")
        # Rasa refuses to start without a signing secret; when Slack is not
        # configured, a random one nobody knows keeps the server starting and
        # every Slack request is refused (see `configured`).
        channel = cls(
            os.environ.get("SLACK_BOT_TOKEN", ""),
            os.environ.get("SLACK_CHANNEL") or None,
            slack_retry_reason_header=credentials.get("slack_retry_reason_header", "x-slack-retry-reason"),
            slack_retry_number_header=credentials.get("slack_retry_number_header", "x-slack-retry-num"),
            slack_signing_secret=secret or secrets.token_hex(32),
            use_threads=bool(credentials.get("use_threads", False)),
        )
        channel.api_url = os.environ.get("SLACK_API_URL") or DEFAULT_API_URL
        channel.configured = bool(channel.slack_token and secret)
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)

        @blueprint.on_request
        async def refuse_when_not_configured(request: Request) -> Optional[response.HTTPResponse]:
            if not self.configured and request.path.endswith("/webhook"):
                return response.text("Slack is not configured on this server.", status=HTTPStatus.SERVICE_UNAVAILABLE)
            return None

        return blueprint

    def get_output_channel(self, channel: Optional[str] = None, thread_id: Optional[str] = None) -> OutputChannel:
        return ImvoSlackBot(self.slack_token, self.api_url, channel or self.slack_channel, thread_id)
