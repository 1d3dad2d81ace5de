"""Sign-in on the Rasa server's side: verifying the intranet's token (a JWT) and stamping every message
with who sent it (actions/access.py reads it).

The token is signed by the company's intranet or its identity provider:
- HS256 with a shared secret: SIGNIN_JWT_SECRET;
- RS256 with the provider's key pair: SIGNIN_JWT_PUBLIC_KEY (PEM text) or SIGNIN_JWT_PUBLIC_KEY_FILE.
Only the one configured algorithm is accepted, so a token cannot pick its own (no HS256 token "signed"
with the public key). Expiry (`exp`) is required; SIGNIN_JWT_ISSUER and SIGNIN_JWT_AUDIENCE are checked
when set. The user is the `sub` claim (SIGNIN_USER_CLAIM) and the role the `role` claim
(SIGNIN_ROLE_CLAIM; a text or a list, e.g. an identity provider's `roles`). See docs/sign-in.md.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, Optional

import jwt

from actions import access
from actions.access import Identity

logger = logging.getLogger(__name__)
CLOCK_SKEW_SECONDS = 30


class SignInError(Exception):
    """The token is missing, expired or invalid (`reason`); the user gets a polite answer, never this."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class TokenSettings:
    algorithm: str
    key: Any
    issuer: str
    audience: str
    user_claim: str
    role_claim: str


def token_settings() -> Optional[TokenSettings]:
    """The configured token check, or None for the open local demo."""
    public_key = os.environ.get("SIGNIN_JWT_PUBLIC_KEY", "")
    key_file = os.environ.get("SIGNIN_JWT_PUBLIC_KEY_FILE", "")
    if key_file and not public_key:
        public_key = Path(key_file).read_text(encoding="utf-8")
    secret = os.environ.get("SIGNIN_JWT_SECRET", "")
    if public_key:
        algorithm, key = os.environ.get("SIGNIN_JWT_ALGORITHM") or "RS256", public_key.replace("\\n", "\n")
    elif secret:
        algorithm, key = "HS256", secret
    else:
        return None
    return TokenSettings(
        algorithm,
        key,
        os.environ.get("SIGNIN_JWT_ISSUER", ""),
        os.environ.get("SIGNIN_JWT_AUDIENCE", ""),
        os.environ.get("SIGNIN_USER_CLAIM") or "sub",
        os.environ.get("SIGNIN_ROLE_CLAIM") or "role",
    )


def roles_of(value: Any) -> FrozenSet[str]:
    if isinstance(value, str):
        return frozenset(r.strip().lower() for r in value.replace(",", " ").split() if r.strip())
    if isinstance(value, (list, tuple)):
        return frozenset(str(r).strip().lower() for r in value if str(r).strip())
    return frozenset()


def verify(token: Optional[str], settings: TokenSettings, channel: str) -> Identity:
    """The identity in a valid token; SignInError otherwise."""
    if not token or not isinstance(token, str):
        raise SignInError("missing")
    try:
        claims = jwt.decode(
            token.removeprefix("Bearer "),
            settings.key,
            algorithms=[settings.algorithm],
            audience=settings.audience or None,
            issuer=settings.issuer or None,
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": ["exp", settings.user_claim], "verify_aud": bool(settings.audience)},
        )
    except jwt.ExpiredSignatureError as error:
        raise SignInError("expired", str(error)) from error
    except (jwt.PyJWTError, ValueError, TypeError) as error:  # a bad key or token is a refusal, not a crash
        raise SignInError("invalid", str(error)) from error
    user = str(claims.get(settings.user_claim) or "").strip()
    if not user:
        raise SignInError("invalid", "no user in the token")
    return Identity(user[:200], roles_of(claims.get(settings.role_claim)), channel, required=True)


def identity(user: str, roles: FrozenSet[str], channel: str) -> Identity:
    """A sender whom a channel trusts by its own means (Slack workspace, Teams tenant, REST token)."""
    return Identity(user[:200], roles, channel, required=access.configured())


def stamped(metadata: Any, who: Identity) -> Dict[str, Any]:
    """The message's metadata with the verified identity, replacing anything a client sent under that key."""
    result = dict(metadata) if isinstance(metadata, dict) else {}
    result[access.METADATA_KEY] = who.as_metadata()
    return result


def user_roles(variable: str) -> Dict[str, FrozenSet[str]]:
    """A setting like SLACK_USER_ROLES="U012AB:csr,U034CD:procurement": platform user id -> roles."""
    found: Dict[str, FrozenSet[str]] = {}
    for pair in os.environ.get(variable, "").split(","):
        user, _, role = pair.strip().partition(":")
        if user and role:
            found[user] = found.get(user, frozenset()) | roles_of(role)
    return found


def platform_identity(variable: str, user: str, channel: str) -> Identity:
    """A Slack or Teams user: the roles listed for them in `variable`, else staff."""
    return identity(f"{channel}:{user}", user_roles(variable).get(user, frozenset({"staff"})), channel)


def describe() -> str:
    """One line for the start-up log: which sign-in is on, or that this is the open local demo."""
    try:
        settings = token_settings()
    except OSError as error:
        return f"SIGN-IN MISCONFIGURED: cannot read SIGNIN_JWT_PUBLIC_KEY_FILE ({error})"
    if settings is None and not access.configured():
        return (
            "OPEN LOCAL DEMO without sign-in: anyone who can open the chat sees every supplier record and plan. "
            "Set SIGNIN_JWT_SECRET or SIGNIN_JWT_PUBLIC_KEY before real data goes in (docs/sign-in.md)."
        )
    if settings is None:
        return "Sign-in required (SIGNIN_REQUIRED) but no token key is set: the web chat refuses every message."
    roles = ", ".join(sorted(access.record_roles()))
    return f"Sign-in on: {settings.algorithm} tokens; supplier records and plans for the roles {roles}."
