"""The invite code an owner passes on out of band, and the joiner's proof of holding it.

A code is ``circle-`` followed by base64url (no padding) of::

    version (1) || circle id (16) || owner pubkey (32) || secret (16)
    || expires (8, big-endian Unix seconds) || relay URL (UTF-8, the rest)

It says where to find the owner (the relay) and whom to ask (the owner's
persona), and carries a one-time secret. The joiner's device never sends the
secret itself: its join request names the invite by ``invite_id`` (a hash of the
secret) and proves the secret with ``join_proof``, an HMAC bound to the circle
and to the joiner's persona, so a recorded request cannot be replayed for
another persona. The owner's device keeps the secret, checks the proof, and
marks the invite used at the first good request; expiry is checked there too.
Anyone who sees the code before it is used can use it: it is a secret to pass
on privately.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from peerhaven.core.circles.errors import CircleError
from peerhaven.core.i18n import _

PREFIX = "circle-"
VERSION = 1
SECRET_BYTES = 16
_ID_DOMAIN = b"peerhaven-circle-invite-v1"
_PROOF_DOMAIN = b"peerhaven-circle-join-v1"
_FIXED = 1 + 16 + 32 + SECRET_BYTES + 8
MAX_RELAY_BYTES = 512


def _not_a_code() -> CircleError:
    return CircleError(_("This is not a PeerHaven circle invite code."))


@dataclass(frozen=True, slots=True)
class Invite:
    """What an invite code holds; ``repr`` hides the secret."""

    circle: str
    owner: str
    secret: bytes = field(repr=False)
    expires_at: int
    relay: str

    @classmethod
    def make(cls, circle: str, owner: str, relay: str, expires_at: int) -> Invite:
        """A new invite with a fresh one-time secret."""
        return cls(circle, owner, secrets.token_bytes(SECRET_BYTES), expires_at, relay)

    @property
    def id(self) -> str:
        """The invite's name in join requests and on the owner's device."""
        return invite_id(self.secret)

    def code(self) -> str:
        """The code to pass on: one line of letters, digits, ``-`` and ``_``."""
        relay = self.relay.encode()
        if len(relay) > MAX_RELAY_BYTES:
            raise CircleError(_("That relay address is too long for an invite code."))
        raw = (
            bytes([VERSION])
            + bytes.fromhex(self.circle)
            + bytes.fromhex(self.owner)
            + self.secret
            + self.expires_at.to_bytes(8, "big")
            + relay
        )
        return PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def from_code(cls, code: str) -> Invite:
        """Read a code as typed or pasted (surrounding spaces ignored)."""
        text = code.strip()
        if not text.startswith(PREFIX):
            raise _not_a_code()
        body = text[len(PREFIX) :]
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        except (binascii.Error, ValueError):
            raise _not_a_code() from None
        if len(raw) <= _FIXED or raw[0] != VERSION or len(raw) - _FIXED > MAX_RELAY_BYTES:
            raise _not_a_code()
        try:
            relay = raw[_FIXED:].decode()
        except UnicodeDecodeError:
            raise _not_a_code() from None
        if not relay.isprintable():
            raise _not_a_code()
        return cls(
            circle=raw[1:17].hex(),
            owner=raw[17:49].hex(),
            secret=raw[49 : 49 + SECRET_BYTES],
            expires_at=int.from_bytes(raw[49 + SECRET_BYTES : _FIXED], "big"),
            relay=relay,
        )


def invite_id(secret: bytes) -> str:
    """A hash of the secret that names the invite without revealing it."""
    return hashlib.sha256(_ID_DOMAIN + secret).digest()[:16].hex()


def join_proof(secret: bytes, circle: str, joiner: str) -> str:
    """HMAC-SHA-256 under the secret, bound to the circle and to the joining persona."""
    message = _PROOF_DOMAIN + bytes.fromhex(circle) + bytes.fromhex(joiner)
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def proves(secret: bytes, circle: str, joiner: str, proof: str) -> bool:
    """Whether ``proof`` is the joiner's proof for this secret (constant time)."""
    return hmac.compare_digest(join_proof(secret, circle, joiner), proof)
