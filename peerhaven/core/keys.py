"""Ed25519 key pairs: a persona is nothing more than one of these.

The secret never leaves this object except through ``secret_bytes()``, which only
the encrypted store and the encrypted export call; ``repr`` hides it.
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


@lru_cache(maxsize=8192)
def _public_key(pubkey: str) -> Ed25519PublicKey:
    # Decompressing the point costs a sizeable share of a verification; members
    # write many events, so caching per author pays off during a pull.
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(pubkey))


def verify_signature(pubkey: str, event_id: str, sig: str) -> bool:
    """Whether ``sig`` is ``pubkey``'s signature of the raw id bytes (hex assumed checked)."""
    try:
        _public_key(pubkey).verify(bytes.fromhex(sig), bytes.fromhex(event_id))
    except (InvalidSignature, ValueError):
        return False
    return True


def verify_bytes(pubkey: str, message: bytes, sig: str) -> bool:
    """Whether ``sig`` is ``pubkey``'s signature of ``message`` (any malformed input: no)."""
    try:
        _public_key(pubkey).verify(bytes.fromhex(sig), message)
    except (InvalidSignature, ValueError):
        return False
    return True
