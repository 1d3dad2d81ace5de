"""The web chat widget's channel: Rasa's socket.io channel with the intranet's sign-in token.

Rasa's own `jwt_key` option only refuses a socket without a valid token (the widget then just stays
"connecting", and the token's claims go nowhere). Here the widget sends the token the intranet page
gives it when it connects (`auth: {token}`, web/src/widget.js); it is verified again for every message,
so an expired token stops working mid-conversation, and the verified user and roles are written into
the message's metadata (channels/signin.py), replacing anything the client sent under that key.
A missing, expired or forged token gets a polite answer (texts.yml) and the message goes no further;
so does a sender over the rate limit. Without sign-in configured it is Rasa's channel as before.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from actions import access
from actions.access import Identity
from channels import rate_limit, signin, texts
from channels.signin import SignInError

logger = logging.getLogger(__name__)
TOKENS_KEPT = 100_000  # tokens leave at disconnect; the cap only guards memory against a flood of sockets


class SignedInSocketIO(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        channel = super().from_credentials(credentials)
        channel.settings = signin.token_settings()
        channel.tokens = {}  # socket id -> the token it connected with
        return channel

    def identify(self, sid: str) -> Optional[Identity]:
        """The verified sender of this socket; None in the open demo; SignInError when the token fails."""
        if self.settings is None:
            if access.configured():  # sign-in required, but this server holds no key
                raise SignInError("missing", "no token key on this server")
            return None
        return signin.verify(self.tokens.get(sid), self.settings, self.name())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio

        # Rasa's handlers are replaced: a socket always connects, so a bad token gets words, not silence.
        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: Dict, auth: Optional[Dict] = None) -> bool:
            token = auth.get("token") if isinstance(auth, dict) else None
            if len(self.tokens) < TOKENS_KEPT:
                self.tokens[sid] = token if isinstance(token, str) else None
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: str) -> None:
            self.tokens.pop(sid, None)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Dict) -> None:
            data = data if isinstance(data, dict) else {}
            sender_id = data.get("session_id") if self.session_persistence else sid
            if not sender_id:
                return  # Rasa also ignores a message without a session (after a warning)
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            language = metadata.get("language") if isinstance(metadata, dict) else None
            output = SocketIOOutput(sio, self.bot_message_evt)
            try:
                who = self.identify(sid)
            except SignInError as error:
                logger.info("Refused a web chat message: sign-in %s", error)
                key = "sign_in_missing" if error.reason == "missing" else "sign_in_failed"
                await output.send_text_message(sender_id, texts.say(key, language))
                return
            if who is None:
                who = signin.identity("anonymous", frozenset(), self.name())
            wait = rate_limit.retry_after(self.name(), who.user if who.user != "anonymous" else str(sender_id))
            if wait is not None:
                await output.send_text_message(sender_id, texts.say("rate_limited", language, seconds=wait))
                return
            message = UserMessage(
                data.get("message", ""),
                output,
                sender_id,
                input_channel=self.name(),
                metadata=signin.stamped(metadata, who),
            )
            await on_new_message(message)

        return blueprint
