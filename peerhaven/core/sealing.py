"""Sealing a message to personas: only the holders of their keys can open it.

Reports are sealed to a community's owner and moderators, so neither the relay
nor other members can read why a post was reported. Personas publish no second
key for this: a persona's Ed25519 key maps to an X25519 key (the birational map
libsodium calls ``crypto_sign_ed25519_pk_to_curve25519``; age does the same for
ssh-ed25519 recipients), and its secret half comes from the same seed.

Format (JSON): a random content key encrypts the message once with
ChaCha20-Poly1305; for each recipient, an ephemeral X25519 exchange and HKDF
derive a key that wraps the content key, bound to the recipient's public key.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from peerhaven.core.errors import PeerHavenError
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair

VERSION = 1
_P = 2**255 - 19
_CONTENT_AAD = b"peerhaven-sealed-v1"
_WRAP_INFO = b"peerhaven-seal-wrap-v1"
_ZERO_NONCE = bytes(12)


class SealError(PeerHavenError):
    """A sealed message that is not for this persona, or was altered."""


def x25519_public(ed25519_pubkey: str) -> X25519PublicKey:
    """The X25519 public key of a persona, from its Ed25519 public key (u = (1+y)/(1-y))."""
    raw = bytearray(bytes.fromhex(ed25519_pubkey))
    raw[31] &= 0x7F  # the top bit carries the sign of x, which the map does not need
    y = int.from_bytes(raw, "little")
    if y >= _P or y == 1:
        raise SealError(_("That public key cannot receive sealed messages."))
    u = (1 + y) * pow(1 - y, _P - 2, _P) % _P
    return X25519PublicKey.from_public_bytes(u.to_bytes(32, "little"))


def x25519_private(keys: Keypair) -> X25519PrivateKey:
    """The X25519 secret matching ``x25519_public(keys.pubkey)``: the Ed25519 scalar."""
    scalar = hashlib.sha512(keys.secret_bytes()).digest()[:32]
    return X25519PrivateKey.from_private_bytes(scalar)  # clamped by X25519 itself


def _wrap_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> ChaCha20Poly1305:
    key = HKDF(hashes.SHA256(), 32, salt=ephemeral + recipient, info=_WRAP_INFO).derive(shared)
    return ChaCha20Poly1305(key)


def seal(message: bytes, recipients: list[str]) -> str:
    """Encrypt ``message`` for every recipient pubkey; returns compact JSON."""
    if not recipients:
        raise SealError(_("A sealed message needs at least one recipient."))
    ephemeral = X25519PrivateKey.generate()
    epk = ephemeral.public_key().public_bytes_raw()
    content_key = ChaCha20Poly1305.generate_key()
    nonce = secrets.token_bytes(12)
    body = ChaCha20Poly1305(content_key).encrypt(nonce, message, _CONTENT_AAD)
    wrapped = {}
    for pubkey in dict.fromkeys(recipients):
        recipient = x25519_public(pubkey).public_bytes_raw()
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
        wrap = _wrap_key(shared, epk, recipient)
        wrapped[pubkey] = wrap.encrypt(_ZERO_NONCE, content_key, bytes.fromhex(pubkey)).hex()
    document = {
        "v": VERSION,
        "epk": epk.hex(),
        "nonce": nonce.hex(),
        "ct": body.hex(),
        "keys": wrapped,
    }
    return json.dumps(document, separators=(",", ":"))


def recipients_of(sealed: str) -> list[str]:
    """Who a sealed message is for (the pubkeys are not secret)."""
    return list(_parse(sealed)["keys"])


def _parse(sealed: str) -> dict[str, Any]:
    try:
        document = json.loads(sealed)
        if not isinstance(document, dict) or document.get("v") != VERSION:
            raise ValueError
        for field in ("epk", "nonce", "ct"):
            bytes.fromhex(document[field])
        if not isinstance(document["keys"], dict):
            raise ValueError
    except (ValueError, KeyError, TypeError) as exc:
        raise SealError(_("This is not a sealed message PeerHaven can read.")) from exc
    return document


def unseal(sealed: str, keys: Keypair) -> bytes:
    """Open a message sealed to ``keys``; one clear error if it is not for them or altered."""
    document = _parse(sealed)
    wrapped = document["keys"].get(keys.pubkey)
    if not isinstance(wrapped, str):
        raise SealError(_("This sealed message is not addressed to this persona."))
    epk = bytes.fromhex(document["epk"])
    own = x25519_private(keys)
    recipient = own.public_key().public_bytes_raw()
    try:
        shared = own.exchange(X25519PublicKey.from_public_bytes(epk))
        content_key = _wrap_key(shared, epk, recipient).decrypt(
            _ZERO_NONCE, bytes.fromhex(wrapped), bytes.fromhex(keys.pubkey)
        )
        return ChaCha20Poly1305(content_key).decrypt(
            bytes.fromhex(document["nonce"]), bytes.fromhex(document["ct"]), _CONTENT_AAD
        )
    except (InvalidTag, ValueError) as exc:
        raise SealError(_("This sealed message was altered or is not for this persona.")) from exc
