"""The outer ``circle`` event and its sealed content, shared by posts and control messages.

Every ``circle`` event is signed by a one-time Ed25519 key, carries one tag,
``["to", MAILBOX]``, a timestamp moved back at random (as direct messages do,
``core/dm/padding.py``), and content of one shape::

    {"v": 1, "epk": 32 BYTES (hex), "ct": BASE64}

For a **post**, ``epk`` is 32 random bytes and the key is
``HKDF-SHA-256(post key, salt = epk, info = "peerhaven-circle-post-seal-v1")``.
For a **control message** sealed to one persona, ``epk`` is an ephemeral X25519
key and the key is ``HKDF-SHA-256(X25519(epk, recipient identity), salt = epk ||
recipient identity, info = "peerhaven-circle-control-seal-v1")`` (the identity is
the persona key's X25519 form, as in ``core/sealing.py``). Either way the key is
new for every event, so the nonce is zero, and the associated data is the
domain, the ``to`` key and the one-time key. The plaintext is padded to the
direct-message buckets (512 B, 1 KiB, 4 KiB, 8 KiB).

Posts and control messages therefore look alike to the relay: same shape, same
buckets, and a mailbox key that is either a persona or an epoch, which it cannot
tell apart.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from peerhaven.core.builders import sign_event
from peerhaven.core.circles.errors import CircleError
from peerhaven.core.dm import padding
from peerhaven.core.dm.errors import DmError
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import HEX64_RE, Event
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair
from peerhaven.core.sealing import SealError, x25519_private, x25519_public
from peerhaven.core.validate import check_integrity

KIND = "circle"
VERSION = 1
_POST_SEAL = b"peerhaven-circle-post-seal-v1"
_CONTROL_SEAL = b"peerhaven-circle-control-seal-v1"
_ZERO_NONCE = bytes(12)


def altered() -> CircleError:
    """The one refusal for anything that does not open: altered, or not for us."""
    return CircleError(_("This circle message was altered or is not for this device."))


def pad(data: bytes) -> bytes:
    """``data`` padded to its bucket; a text too long for any bucket is refused."""
    try:
        return padding.pad(data)
    except DmError:
        raise CircleError(_("This message is too long for a circle.")) from None


def unpad(data: bytes) -> bytes:
    """What ``pad`` was given; anything that is not a padded bucket is refused."""
    try:
        return padding.unpad(data)
    except DmError:
        raise altered() from None


@dataclass(frozen=True, slots=True)
class Outer:
    """A ``circle`` event's content: the ephemeral (or salt) and the ciphertext."""

    ephemeral: bytes
    ciphertext: bytes

    def to_json(self) -> str:
        """The compact JSON content of the ``circle`` event."""
        document = {
            "v": VERSION,
            "epk": self.ephemeral.hex(),
            "ct": base64.b64encode(self.ciphertext).decode(),
        }
        return json.dumps(document, separators=(",", ":"))

    @classmethod
    def of(cls, event: Event, mailbox: str) -> Outer:
        """Check a ``circle`` event addressed to ``mailbox`` and parse its content."""
        to = [tag for tag in event.tags if tag[:1] == ("to",)]
        extra = [tag for tag in event.tags if tag[:1] not in (("to",), ("expires",), ("nonce",))]
        if event.kind != KIND or event.community != "" or to != [("to", mailbox)] or extra:
            raise CircleError(_("This is not a circle message for this mailbox."))
        try:
            check_integrity(event)
        except InvalidEvent:
            raise altered() from None
        try:
            document = json.loads(event.content)
            epk, ct = document["epk"], document["ct"]
            if document["v"] != VERSION or not isinstance(ct, str):
                raise ValueError("unknown format")
            if not isinstance(epk, str) or not HEX64_RE.fullmatch(epk):
                raise ValueError("bad key")
            return cls(bytes.fromhex(epk), base64.b64decode(ct, validate=True))
        except (ValueError, KeyError, TypeError, RecursionError, binascii.Error):
            raise altered() from None


def _aad(domain: bytes, mailbox: str, one_time_key: str) -> bytes:
    return domain + bytes.fromhex(mailbox) + bytes.fromhex(one_time_key)


def _event(one_time: Keypair, mailbox: str, outer: Outer, now: int) -> Event:
    created_at = padding.outer_created_at(now)
    return sign_event(one_time, KIND, "", outer.to_json(), [["to", mailbox]], created_at=created_at)


def _post_cipher(post_key: bytes, salt: bytes) -> ChaCha20Poly1305:
    return ChaCha20Poly1305(HKDF(hashes.SHA256(), 32, salt=salt, info=_POST_SEAL).derive(post_key))


def seal_for_epoch(
    one_time: Keypair, mailbox: str, post_key: bytes, plaintext: bytes, *, now: int
) -> Event:
    """A ``circle`` event to an epoch's mailbox, readable with its post key."""
    salt = secrets.token_bytes(32)
    aad = _aad(_POST_SEAL, mailbox, one_time.pubkey)
    ciphertext = _post_cipher(post_key, salt).encrypt(_ZERO_NONCE, pad(plaintext), aad)
    return _event(one_time, mailbox, Outer(salt, ciphertext), now)


def open_for_epoch(event: Event, mailbox: str, post_key: bytes) -> bytes:
    """The plaintext of a ``circle`` event sealed with ``post_key``; refuses anything else."""
    outer = Outer.of(event, mailbox)
    aad = _aad(_POST_SEAL, mailbox, event.pubkey)
    try:
        padded = _post_cipher(post_key, outer.ephemeral).decrypt(_ZERO_NONCE, outer.ciphertext, aad)
    except InvalidTag:
        raise altered() from None
    return unpad(padded)


def _control_cipher(shared: bytes, ephemeral: bytes, identity: bytes) -> ChaCha20Poly1305:
    key = HKDF(hashes.SHA256(), 32, salt=ephemeral + identity, info=_CONTROL_SEAL).derive(shared)
    return ChaCha20Poly1305(key)


def seal_for_persona(one_time: Keypair, recipient: str, plaintext: bytes, *, now: int) -> Event:
    """A ``circle`` event to a persona's own mailbox, readable only with its key."""
    try:
        identity = x25519_public(recipient)
    except (SealError, ValueError):
        raise CircleError(_("That persona cannot receive circle messages.")) from None
    ephemeral = X25519PrivateKey.generate()
    epk = ephemeral.public_key().public_bytes_raw()
    cipher = _control_cipher(ephemeral.exchange(identity), epk, identity.public_bytes_raw())
    aad = _aad(_CONTROL_SEAL, recipient, one_time.pubkey)
    ciphertext = cipher.encrypt(_ZERO_NONCE, pad(plaintext), aad)
    return _event(one_time, recipient, Outer(epk, ciphertext), now)


def open_for_persona(event: Event, me: Keypair) -> bytes:
    """The plaintext of a ``circle`` event sealed to ``me``; refuses anything else."""
    outer = Outer.of(event, me.pubkey)
    own = x25519_private(me)
    identity = own.public_key().public_bytes_raw()
    aad = _aad(_CONTROL_SEAL, me.pubkey, event.pubkey)
    try:
        shared = own.exchange(X25519PublicKey.from_public_bytes(outer.ephemeral))
        padded = _control_cipher(shared, outer.ephemeral, identity).decrypt(
            _ZERO_NONCE, outer.ciphertext, aad
        )
    except (InvalidTag, ValueError):
        raise altered() from None
    return unpad(padded)
