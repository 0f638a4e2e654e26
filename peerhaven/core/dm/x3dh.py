"""X3DH: the key agreement that starts a conversation from a published prekey bundle.

This is Signal's X3DH without the post-quantum KEM (no PQXDH), with the
identity keys being the personas' X25519 keys derived from their Ed25519 keys
(``core/sealing.py``). With initiator A and responder B::

    DH1 = DH(IK_A, SPK_B)   DH2 = DH(EK_A, IK_B)   DH3 = DH(EK_A, SPK_B)
    DH4 = DH(EK_A, OPK_B)   (only when B offered a one-time prekey)
    SK  = HKDF-SHA256(ikm = 0xFF*32 || DH1 || DH2 || DH3 [|| DH4],
                      salt = 0x00*32, info = "peerhaven-dm-x3dh-v1", 32 bytes)
    AD  = Ed25519(A) || Ed25519(B)

SK seeds the double ratchet; AD is bound into every message of the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.prekeys import PrekeyBundle, PrekeySecrets
from peerhaven.core.event import HEX64_RE
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair
from peerhaven.core.sealing import SealError, x25519_private, x25519_public

_INFO = b"peerhaven-dm-x3dh-v1"
_PREFIX = b"\xff" * 32
HEADER_BYTES = 49


@dataclass(frozen=True, slots=True)
class X3dhHeader:
    """What the initiator sends with its first messages so the responder can agree too."""

    ephemeral: bytes
    spk_id: int
    otpk_id: int | None

    def to_json(self) -> dict[str, Any]:
        """The header as it travels inside the sealed envelope."""
        return {"ek": self.ephemeral.hex(), "spk": self.spk_id, "otpk": self.otpk_id}

    def to_bytes(self) -> bytes:
        """The fixed 49-byte form inside a message: key, prekey id, one-time flag and id."""
        otpk = self.otpk_id
        return (
            self.ephemeral
            + self.spk_id.to_bytes(8, "big")
            + (b"\x00" + bytes(8) if otpk is None else b"\x01" + otpk.to_bytes(8, "big"))
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> X3dhHeader:
        """Parse ``to_bytes``'s form."""
        if len(data) != HEADER_BYTES or data[40] not in (0, 1):
            raise DmError(_("This message request is malformed."))
        otpk = int.from_bytes(data[41:], "big") if data[40] else None
        return cls(data[:32], int.from_bytes(data[32:40], "big"), otpk)

    @classmethod
    def from_json(cls, obj: Any) -> X3dhHeader:
        """Parse a header, refusing any other shape."""
        try:
            ek, spk, otpk = obj["ek"], obj["spk"], obj["otpk"]
            if not isinstance(ek, str) or not HEX64_RE.fullmatch(ek) or type(spk) is not int:
                raise ValueError("bad header")
            if otpk is not None and type(otpk) is not int:
                raise ValueError("bad header")
        except (KeyError, TypeError, ValueError) as exc:
            raise DmError(_("This message request is malformed.")) from exc
        return cls(bytes.fromhex(ek), spk, otpk)


@dataclass(frozen=True, slots=True)
class Agreement:
    """The outcome of X3DH on one side: the shared secret and the associated data."""

    shared_secret: bytes
    associated_data: bytes


def _derive(parts: list[bytes]) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=bytes(32), info=_INFO).derive(_PREFIX + b"".join(parts))


def _identity(pubkey: str) -> X25519PublicKey:
    try:
        return x25519_public(pubkey)
    except (SealError, ValueError) as exc:
        raise DmError(_("That persona cannot receive direct messages.")) from exc


def initiate(
    me: Keypair, bundle: PrekeyBundle, *, otpk_id: int | None = None
) -> tuple[Agreement, X3dhHeader]:
    """Agree on a secret with the bundle's persona, using one of its one-time keys if offered."""
    chosen = None
    if bundle.one_time:
        candidates = {otpk.id: otpk for otpk in bundle.one_time}
        chosen = candidates.get(otpk_id) if otpk_id is not None else bundle.one_time[0]
        if chosen is None:
            raise DmError(_("That one-time prekey is not in this bundle."))
    ephemeral = X25519PrivateKey.generate()
    spk = X25519PublicKey.from_public_bytes(bundle.spk)
    parts = [
        x25519_private(me).exchange(spk),
        ephemeral.exchange(_identity(bundle.identity)),
        ephemeral.exchange(spk),
    ]
    if chosen is not None:
        parts.append(ephemeral.exchange(X25519PublicKey.from_public_bytes(chosen.key)))
    agreement = Agreement(_derive(parts), bytes.fromhex(me.pubkey) + bytes.fromhex(bundle.identity))
    header = X3dhHeader(
        ephemeral.public_key().public_bytes_raw(),
        bundle.spk_id,
        chosen.id if chosen is not None else None,
    )
    return agreement, header


def respond(
    me: Keypair, held: PrekeySecrets, initiator: str, header: X3dhHeader
) -> tuple[Agreement, bytes]:
    """The responder's side; consumes the one-time secret (so the caller must save ``held``).

    Returns the agreement and the signed prekey's secret, which is the
    responder's first ratchet key.
    """
    spk_secret = X25519PrivateKey.from_private_bytes(held.signed_secret(header.spk_id))
    try:
        ephemeral = X25519PublicKey.from_public_bytes(header.ephemeral)
        parts = [
            spk_secret.exchange(_identity(initiator)),
            x25519_private(me).exchange(ephemeral),
            spk_secret.exchange(ephemeral),
        ]
    except ValueError as exc:  # a low-order point gives an all-zero secret; cryptography refuses
        raise DmError(_("This message request is malformed.")) from exc
    if header.otpk_id is not None:
        otpk = X25519PrivateKey.from_private_bytes(held.take_one_time(header.otpk_id))
        try:
            parts.append(otpk.exchange(ephemeral))
        except ValueError as exc:
            raise DmError(_("This message request is malformed.")) from exc
    agreement = Agreement(_derive(parts), bytes.fromhex(initiator) + bytes.fromhex(me.pubkey))
    return agreement, spk_secret.private_bytes_raw()
