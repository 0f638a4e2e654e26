"""A circle's identity and its epoch keys.

A circle is named by 16 random bytes. Its members share one 32-byte *epoch key*
at a time; the owner makes a new one whenever someone is removed or leaves, and
sends it only to those who remain. Everything else comes from the epoch key by
HKDF-SHA-256 with the circle id and the epoch number as salt and distinct infos:

- the **post key**, which seals the epoch's posts (ChaCha20-Poly1305);
- the **mailbox keypair** (an Ed25519 seed): its public key is the ``to`` of the
  epoch's posts, and only holders of its secret can fetch them from a relay.

A member who lost the epoch key therefore can neither fetch nor open what
follows, and the relay sees one mailbox per epoch, unrelated to the next.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from peerhaven.core.circles.errors import CircleError
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair

CIRCLE_ID_RE = re.compile(r"[0-9a-f]{32}")
KEY_BYTES = 32
_POST_INFO = b"peerhaven-circle-post-key-v1"
_MAILBOX_INFO = b"peerhaven-circle-mailbox-v1"


def new_circle_id() -> str:
    """16 random bytes as hex: names a circle without saying anything about it."""
    return secrets.token_hex(16)


def new_epoch_key() -> bytes:
    """A fresh 32-byte epoch key from the operating system's random source."""
    return secrets.token_bytes(KEY_BYTES)


def check_circle_id(circle: str) -> str:
    """``circle`` if it is a circle id as PeerHaven writes it, else a sentence."""
    if not isinstance(circle, str) or not CIRCLE_ID_RE.fullmatch(circle):
        raise CircleError(_("That is not a circle's id."))
    return circle


def _derive(key: bytes, circle: str, epoch: int, info: bytes) -> bytes:
    salt = bytes.fromhex(circle) + epoch.to_bytes(8, "big")
    return HKDF(hashes.SHA256(), KEY_BYTES, salt=salt, info=info).derive(key)


@dataclass(frozen=True, slots=True)
class EpochKeys:
    """One epoch of one circle: its key and what it derives. ``repr`` hides the secrets."""

    circle: str
    epoch: int
    key: bytes = field(repr=False)
    post_key: bytes = field(repr=False)
    mailbox: Keypair = field(repr=False)

    @classmethod
    def derive(cls, circle: str, epoch: int, key: bytes) -> EpochKeys:
        """The post key and mailbox keypair of ``epoch``, from its epoch key."""
        check_circle_id(circle)
        if len(key) != KEY_BYTES:
            raise CircleError(_("A circle's key is exactly 32 bytes."))
        if not 0 <= epoch < 2**63:
            raise CircleError(_("A circle's epoch is a whole number from 0."))
        post_key = _derive(key, circle, epoch, _POST_INFO)
        seed = _derive(key, circle, epoch, _MAILBOX_INFO)
        return cls(circle, epoch, key, post_key, Keypair.from_secret(seed))

    @property
    def mailbox_pubkey(self) -> str:
        """The mailbox the epoch's posts are addressed to (the ``to`` tag)."""
        return self.mailbox.pubkey
