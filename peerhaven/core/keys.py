"""Ed25519 key pairs: a persona is nothing more than one of these.

The secret never leaves this object except through ``secret_bytes()``, which only
the encrypted store and the encrypted export call; ``repr`` hides it.

Verification is strict, the same on the client and the relay (both call this
module): RFC 8032 leaves room that lets anyone forge a signature that some
verifiers accept. A public key of small order (the eight points of order 1, 2, 4
and 8, and their six non-canonical encodings) verifies a signature with S = 0
over any content, and a signature with S >= L or a non-canonical R is a second
valid-looking signature for the same event. These are refused with byte and
integer comparisons before OpenSSL's (cofactorless) check, so they cost no point
arithmetic; the public-key checks are cached with the decompressed key.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


class Keypair:
    """A persona's signing key and its public half as lowercase hex."""

    __slots__ = ("_private", "pubkey")

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        self.pubkey: str = private.public_key().public_bytes_raw().hex()

    @classmethod
    def generate(cls) -> Keypair:
        """A fresh key from the operating system's random source."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_secret(cls, secret: bytes) -> Keypair:
        """Rebuild a key pair from its 32-byte seed."""
        if len(secret) != 32:
            raise ValueError("An Ed25519 secret is exactly 32 bytes.")
        return cls(Ed25519PrivateKey.from_private_bytes(secret))

    def secret_bytes(self) -> bytes:
        """The 32-byte seed; only for the encrypted store and encrypted exports."""
        return self._private.private_bytes_raw()

    def sign_id(self, event_id: str) -> str:
        """Sign the 32 raw bytes of an event id, as the contract asks."""
        return self._private.sign(bytes.fromhex(event_id)).hex()

    def sign_bytes(self, message: bytes) -> str:
        """Sign arbitrary bytes (request authentication); events use ``sign_id``."""
        return self._private.sign(message).hex()

    def __repr__(self) -> str:
        return f"Keypair(pubkey={self.pubkey[:12]}…)"


#: the field prime p = 2^255 - 19; a point's y coordinate is encoded below it
_P = 2**255 - 19
#: the order of the prime subgroup; a canonical S is below it
_L = 2**252 + 27742317777372353535851937790883648493
#: y coordinates (sign bit cleared) of the eight points of small order: 1 (the
#: identity), p - 1 (order 2), 0 (order 4) and the two y of the order-8 points.
#: Clearing the sign bit also catches x = 0 written with a sign (y = 1 or p - 1),
#: and ``_canonical`` catches y = p and p + 1, so all fourteen encodings are refused.
_SMALL_ORDER_Y = frozenset(
    bytes.fromhex(y)
    for y in (
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    )
)


def strict_point(encoded: bytes) -> bool:
    """Whether a 32-byte point encoding is canonical (y < p) and not of small order."""
    if len(encoded) != 32:
        return False
    masked = encoded[:31] + bytes((encoded[31] & 0x7F,))
    return int.from_bytes(masked, "little") < _P and masked not in _SMALL_ORDER_Y


#: the curve constant d = -121665 / 121666 (mod p)
_D = -121665 * pow(121666, _P - 2, _P) % _P


def on_curve(encoded: bytes) -> bool:
    """Whether a 32-byte encoding names a point of the curve (some y have no x at all).

    ``strict_point`` alone passes any canonical y; a key typed by an operator
    (a moderator, a ban) is checked for this too, so a key that can never sign
    anything is refused when typed rather than trusted silently.
    """
    if len(encoded) != 32:
        return False
    y = int.from_bytes(encoded[:31] + bytes((encoded[31] & 0x7F,)), "little")
    if y >= _P:
        return False
    x_squared = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    if x_squared == 0:
        return not encoded[31] & 0x80  # x = 0 has no negative twin
    return pow(x_squared, (_P - 1) // 2, _P) == 1


def usable_public_key(pubkey: str) -> bool:
    """Whether 64 hex characters are a key that can sign: on the curve, canonical, not small."""
    try:
        raw = bytes.fromhex(pubkey)
    except ValueError:
        return False
    return strict_point(raw) and on_curve(raw)


def strict_signature(raw: bytes) -> bool:
    """Whether a 64-byte signature has a canonical S (below L) and a strict R."""
    # S is little-endian in the second half; its top byte below 0x10 means S < 2^252 < L
    if len(raw) != 64:
        return False
    if raw[63] >= 0x10 and int.from_bytes(raw[32:], "little") >= _L:
        return False
    return strict_point(raw[:32])


@lru_cache(maxsize=8192)
def _public_key(pubkey: str) -> Ed25519PublicKey:
    # Decompressing the point costs a sizeable share of a verification; members
    # write many events, so caching per author pays off during a pull.
    raw = bytes.fromhex(pubkey)
    if not strict_point(raw):
        raise ValueError("A public key of small order or in a non-canonical encoding.")
    return Ed25519PublicKey.from_public_bytes(raw)


def _verify(pubkey: str, message: bytes, sig: str) -> bool:
    try:
        raw = bytes.fromhex(sig)
        key = _public_key(pubkey)
    except ValueError:
        return False
    if not strict_signature(raw):
        return False
    try:
        key.verify(raw, message)
    except InvalidSignature:
        return False
    return True


def verify_signature(pubkey: str, event_id: str, sig: str) -> bool:
    """Whether ``sig`` is ``pubkey``'s signature of the raw id bytes (hex assumed checked)."""
    try:
        message = bytes.fromhex(event_id)
    except ValueError:
        return False
    return _verify(pubkey, message, sig)


def verify_bytes(pubkey: str, message: bytes, sig: str) -> bool:
    """Whether ``sig`` is ``pubkey``'s signature of ``message`` (any malformed input: no)."""
    return _verify(pubkey, message, sig)
