"""The message inside the ratchet, its persona signature, and its franking commitment.

What the recipient's device decrypts is the sender's persona pubkey, the text,
an optional content-warning label, the community where they met, the sending
time, a fresh random *franking key* ``fk`` and the pubkey of the one-time key
that signs the outer event, with the sender's persona signature over::

    "peerhaven-dm-sig-v1" || one-time pubkey (32) || commitment (32) || message bytes

where ``commitment = HMAC-SHA-256(fk, message bytes)`` is also written, in the
clear, into the outer event. The signature authenticates the sender to the
recipient; together with the commitment it lets the recipient later show one
message to moderators (``report.py``) in a form they can check and nobody can
forge. The relay sees only the commitment, which without ``fk`` says nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

from peerhaven.core.dm.errors import DmError
from peerhaven.core.event import HEX64_RE, HEX128_RE, SLUG_RE
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair, verify_bytes

_SIG_DOMAIN = b"peerhaven-dm-sig-v1"
_MESSAGE_DOMAIN = "peerhaven-dm-v1"
MAX_CW_CHARS = 64


@dataclass(frozen=True, slots=True)
class DirectMessage:
    """One direct message as its sender wrote it."""

    sender: str
    recipient: str
    text: str
    cw: str | None
    community: str  # where they met, for requests; "" when not said
    sent_at: int

    def to_bytes(self) -> bytes:
        """The exact bytes that the commitment and the signature cover."""
        fields = [
            _MESSAGE_DOMAIN,
            self.sender,
            self.recipient,
            self.text,
            self.cw,
            self.community,
            self.sent_at,
        ]
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()

    def to_json(self) -> dict[str, Any]:
        """The message's fields, as carried inside the ciphertext and in reports."""
        return {
            "from": self.sender,
            "to": self.recipient,
            "text": self.text,
            "cw": self.cw,
            "community": self.community,
            "at": self.sent_at,
        }

    @classmethod
    def from_json(cls, obj: Any) -> DirectMessage:
        """Parse a message, refusing any other shape."""
        try:
            sender, recipient, text = obj["from"], obj["to"], obj["text"]
            cw, community, sent_at = obj["cw"], obj["community"], obj["at"]
            if not all(isinstance(k, str) and HEX64_RE.fullmatch(k) for k in (sender, recipient)):
                raise ValueError("bad pubkey")
            if not isinstance(text, str) or type(sent_at) is not int or sent_at < 0:
                raise ValueError("bad text or time")
            if cw is not None and (not isinstance(cw, str) or not 0 < len(cw) <= MAX_CW_CHARS):
                raise ValueError("bad label")
            (text + (cw or "")).encode()  # lone surrogates cannot be signed: refuse them here
            if not isinstance(community, str) or (community and not SLUG_RE.fullmatch(community)):
                raise ValueError("bad community")
        except (KeyError, TypeError, ValueError) as exc:
            raise DmError(_("This direct message is malformed.")) from exc
        return cls(sender, recipient, text, cw, community, sent_at)


def commitment(franking_key: bytes, message: DirectMessage) -> bytes:
    """HMAC-SHA-256 of the message under the franking key: binding, and hiding without the key."""
    return hmac.new(franking_key, message.to_bytes(), hashlib.sha256).digest()


def signed_bytes(message: DirectMessage, franking_commitment: bytes, one_time_key: str) -> bytes:
    """What the sender's persona signs."""
    return _SIG_DOMAIN + bytes.fromhex(one_time_key) + franking_commitment + message.to_bytes()


@dataclass(frozen=True, slots=True)
class SignedMessage:
    """A message with what makes it checkable: the franking key and the persona signature."""

    message: DirectMessage
    franking_key: bytes
    one_time_key: str
    signature: str

    @property
    def commitment(self) -> bytes:
        """The franking commitment the outer event must carry."""
        return commitment(self.franking_key, self.message)

    def verify(self) -> None:
        """Refuse unless the sender's persona signed this message under this commitment."""
        signed = signed_bytes(self.message, self.commitment, self.one_time_key)
        if not verify_bytes(self.message.sender, signed, self.signature):
            raise DmError(_("This message is not signed by the persona it claims to come from."))

    def to_json(self) -> dict[str, Any]:
        """The whole evidence as JSON, for a report."""
        return {
            "m": self.message.to_json(),
            "fk": self.franking_key.hex(),
            "otk": self.one_time_key,
            "sig": self.signature,
        }

    def to_bytes(self) -> bytes:
        """The plaintext that goes into the ratchet.

        ``franking key (32) || one-time pubkey (32) || signature (64) || JSON [text,
        cw, community, sent_at]``: sender and recipient are known to the recipient
        from the envelope, so they are not repeated here (a smaller padding bucket).
        """
        m = self.message
        body = json.dumps([m.text, m.cw, m.community, m.sent_at], ensure_ascii=False)
        return (
            self.franking_key
            + bytes.fromhex(self.one_time_key)
            + bytes.fromhex(self.signature)
            + body.encode()
        )

    @classmethod
    def from_bytes(cls, data: bytes, *, sender: str, recipient: str) -> SignedMessage:
        """Parse the ratchet plaintext of a message from ``sender`` to ``recipient``."""
        try:
            if len(data) <= 128:
                raise ValueError("too short")
            text, cw, community, sent_at = json.loads(data[128:])
            obj = {"from": sender, "to": recipient, "text": text, "cw": cw}
            message = DirectMessage.from_json({**obj, "community": community, "at": sent_at})
        except (ValueError, TypeError, RecursionError) as exc:
            raise DmError(_("This direct message is malformed.")) from exc
        return cls(message, data[:32], data[32:64].hex(), data[64:128].hex())

    @classmethod
    def from_json(cls, obj: Any) -> SignedMessage:
        """Parse, refusing any other shape (the signature is checked by ``verify``)."""
        try:
            fk, otk, sig = obj["fk"], obj["otk"], obj["sig"]
            if not all(isinstance(v, str) and HEX64_RE.fullmatch(v) for v in (fk, otk)):
                raise ValueError("bad key")
            if not isinstance(sig, str) or not HEX128_RE.fullmatch(sig):
                raise ValueError("bad signature")
            message = DirectMessage.from_json(obj["m"])
        except (KeyError, TypeError, ValueError) as exc:
            raise DmError(_("This direct message is malformed.")) from exc
        return cls(message, bytes.fromhex(fk), otk, sig)


def sign_message(me: Keypair, message: DirectMessage, one_time_key: str) -> SignedMessage:
    """Commit to ``message`` under a fresh franking key and sign it with the persona key."""
    if message.sender != me.pubkey:
        raise DmError(_("A message can only be signed by its own sender."))
    franking_key = secrets.token_bytes(32)
    signed = signed_bytes(message, commitment(franking_key, message), one_time_key)
    return SignedMessage(message, franking_key, one_time_key, me.sign_bytes(signed))
