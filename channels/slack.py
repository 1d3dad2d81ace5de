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

Sign-in (docs/sign-in.md): only the workspace SLACK_TEAM_ID is answered (required when sign-in is
configured; without it Slack then refuses every request); a Slack user's roles come from
SLACK_USER_ROLES ("U012AB:csr,U034CD:procurement"), everyone else is staff. The rate limit
(channels/rate_limit.py) answers a sender over it with a message in Slack.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from slack_sdk.web.async_client import AsyncWebClient

from actions import access
from channels import rate_limit, signin, texts
from channels.formatting import split_text

logger = logging.getLogger(__name__)

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
        channel.team_id = os.environ.get("SLACK_TEAM_ID", "")
        if channel.configured and access.configured() and not channel.team_id:
            logger.error("Sign-in is configured but SLACK_TEAM_ID is not: Slack refuses every request.")
            channel.configured = False
        return channel

    @staticmethod
    def _team_and_user(request: Request) -> tuple:
        """The workspace and the Slack user of an event (JSON) or a button click (form with a payload)."""
        try:
            if (request.headers.get("content-type") or "").startswith("application/json"):
                body = request.json or {}
                return body.get("team_id") or "", (body.get("event") or {}).get("user") or ""
            payload = json.loads(request.form["payload"][0])
            return (payload.get("team") or {}).get("id") or "", (payload.get("user") or {}).get("id") or ""
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            return "", ""

    async def process_message(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: Optional[str],
        metadata: Optional[Dict],
    ) -> Any:
        team, user = self._team_and_user(request)
        if self.team_id and team != self.team_id:
            logger.warning("Refused a Slack message from workspace %r (only %r is served)", team, self.team_id)
            return response.text("This workspace is not served.", status=HTTPStatus.FORBIDDEN)
        wait = rate_limit.retry_after(self.name(), user or str(sender_id))
        if wait is not None:
            out = self.get_output_channel((metadata or {}).get("out_channel"))
            await out.send_text_message(str(sender_id), texts.say("rate_limited", seconds=wait))
            return response.text("")
        who = signin.platform_identity("SLACK_USER_ROLES", user or str(sender_id), self.name())
        return await super().process_message(request, on_new_message, text, sender_id, signin.stamped(metadata, who))

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
