"""Who may see supplier data: the signed-in identity the channels put into each message's metadata.

The Rasa server's channels (channels/) verify the sender (a signed token, the Slack workspace,
the Teams tenant, the REST token) and write the result under METADATA_KEY, overwriting whatever a
client sent under that key; the actions only read it. Sign-in is configured when a token key is
set (SIGNIN_JWT_SECRET or SIGNIN_JWT_PUBLIC_KEY[_FILE]) or SIGNIN_REQUIRED=1 (an action server
that does not hold the key); the channels also mark each message `required`, so either side being
configured is enough. Not configured: the open local demo, where everyone sees everything.
Settings and roles: docs/sign-in.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.advice.topics import general_answer
from actions.advice.wording import say
from actions.records import audit_log

METADATA_KEY = "signed_in"
DEFAULT_ROLES = "procurement,csr"
DEFAULT_ADMIN_ROLES = "csr"


def _role_set(value: str) -> FrozenSet[str]:
    return frozenset(r.strip().lower() for r in value.split(",") if r.strip())


def configured() -> bool:
    return bool(
        os.environ.get("SIGNIN_JWT_SECRET")
        or os.environ.get("SIGNIN_JWT_PUBLIC_KEY")
        or os.environ.get("SIGNIN_JWT_PUBLIC_KEY_FILE")
        or os.environ.get("SIGNIN_REQUIRED", "").lower() in ("1", "true", "yes")
    )


def record_roles() -> FrozenSet[str]:
    """SIGNIN_ROLES: the roles that see supplier records, advice, rankings and plans."""
    return _role_set(os.environ.get("SIGNIN_ROLES") or DEFAULT_ROLES)


def admin_roles() -> FrozenSet[str]:
    """SIGNIN_ADMIN_ROLES: the roles that may open the admin pages."""
    return _role_set(os.environ.get("SIGNIN_ADMIN_ROLES") or DEFAULT_ADMIN_ROLES)


@dataclass(frozen=True)
class Identity:
    user: str
    roles: FrozenSet[str]
    channel: str
    required: bool  # sign-in is configured on the Rasa server

    @property
    def role(self) -> str:
        return ",".join(sorted(self.roles))

    def as_metadata(self) -> Dict[str, Any]:
        return {"user": self.user, "roles": sorted(self.roles), "channel": self.channel, "required": self.required}


def from_metadata(metadata: Optional[Dict[str, Any]], channel: str = "") -> Identity:
    found = (metadata or {}).get(METADATA_KEY)
    found = found if isinstance(found, dict) else {}
    roles = found.get("roles")
    return Identity(
        user=str(found.get("user") or "anonymous"),
        roles=frozenset(str(r).lower() for r in roles) if isinstance(roles, list) else frozenset(),
        channel=str(found.get("channel") or channel or "unknown"),
        required=bool(found.get("required")),
    )


def latest_metadata(tracker: Tracker) -> Dict[str, Any]:
    """The metadata of the message being answered (the last user event)."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            return event.get("metadata") or {}
    return {}


def identity_of(tracker: Tracker) -> Identity:
    return from_metadata(latest_metadata(tracker), tracker.get_latest_input_channel() or "")


def may_see_records(identity: Identity) -> bool:
    if not (configured() or identity.required):
        return True  # the open local demo
    return bool(identity.roles & record_roles())


def allowed(dispatcher: CollectingDispatcher, tracker: Tracker, language: str, question: Optional[str] = None) -> bool:
    """True when the sender may see supplier data; otherwise says so politely, with the general guidance
    for the question (the one decided for the message, else its intent) when there is one, and nothing more."""
    if may_see_records(identity_of(tracker)):
        return True
    dispatcher.utter_message(text=say(language, "sign_in", "records_refused"))
    general = general_answer(question or tracker.latest_message.get("intent", {}).get("name"))
    if general:
        dispatcher.utter_message(response=general)
    return False


def audit(session: Any, tracker: Tracker, kind: str, supplier: Any = None, subject: str = "") -> None:
    """An audit-log row for a look-up shown to this sender, committed with the action's session."""
    identity = identity_of(tracker)
    audit_log.add(
        session,
        who=identity.user if identity.user != "anonymous" else f"{identity.channel}:{tracker.sender_id}",
        role=identity.role,
        channel=identity.channel,
        kind=kind,
        supplier_id=getattr(supplier, "id", None),
        subject=subject or getattr(supplier, "name", ""),
    )


def audit_many(session: Any, tracker: Tracker, kind: str, suppliers: List[Any]) -> None:
    """One row for a list or ranking, naming the suppliers shown (cut to fit)."""
    audit(session, tracker, kind, subject=", ".join(s.name for s in suppliers))
