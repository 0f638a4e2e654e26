"""Proving to a relay which persona is asking, for the few requests that need it.

Only moderators need to say who they are (to fetch the reports sealed to
them), so there are no accounts and no sessions: each such request carries a
signature of what it asks for and when, in the ``Authorization`` header::

    Authorization: PeerHaven pubkey=<64 hex>, ts=<unix seconds>, sig=<128 hex>

The signed text names the method, path, community and time, so a captured
header is useless for anything else and expires after a few minutes.
"""

from __future__ import annotations

import re

from peerhaven.core.errors import PeerHavenError
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair, verify_bytes

SCHEME = "PeerHaven"
MAX_SKEW = 300
_HEADER = re.compile(
    r"PeerHaven\s+pubkey=([0-9a-f]{64}),\s*ts=([0-9]{1,12}),\s*sig=([0-9a-f]{128})"
)


class AuthError(PeerHavenError):
    """A request whose signature is missing, malformed, stale or wrong."""


def auth_message(method: str, path: str, community: str, ts: int) -> bytes:
    """The exact bytes a persona signs for one request."""
    return f"peerhaven-auth-v1\n{method.upper()}\n{path}\n{community}\n{ts}".encode()


def auth_header(keys: Keypair, method: str, path: str, community: str, ts: int) -> str:
    """The header value for a request made as ``keys``."""
    sig = keys.sign_bytes(auth_message(method, path, community, ts))
    return f"{SCHEME} pubkey={keys.pubkey}, ts={ts}, sig={sig}"


def check_auth(header: str | None, method: str, path: str, community: str, now: int) -> str:
    """The pubkey that signed this request, or ``AuthError`` saying what is wrong."""
    if not header:
        raise AuthError(_("This request must be signed by a persona (Authorization header)."))
    match = _HEADER.fullmatch(header.strip())
    if match is None:
        raise AuthError(_("The Authorization header is not a PeerHaven signature."))
    pubkey, ts_text, sig = match.groups()
    ts = int(ts_text)
    if abs(now - ts) > MAX_SKEW:
        raise AuthError(
            _("The signature is more than {MAX_SKEW} s away from the relay's clock.").format(
                MAX_SKEW=MAX_SKEW
            )
        )
    if not verify_bytes(pubkey, auth_message(method, path, community, ts), sig):
        raise AuthError(_("The request signature does not verify."))
    return pubkey
