"""The double ratchet of ``doubleratchet`` (python-doubleratchet), configured for PeerHaven.

Nothing here implements the ratchet; it fills in what the library leaves to the
application, following its recommended configuration:

- the Diffie-Hellman ratchet over X25519 (the library's ``recommended`` class);
- the root chain KDF: HKDF-SHA-256 with our own info string;
- the message chain KDF: separate HMAC-SHA-256 per output byte, constant ``0x02 0x01``;
- the AEAD: ChaCha20-Poly1305 from ``cryptography``, key and nonce from HKDF of the
  one-time message key (each key encrypts one message, so a derived nonce is safe);
- associated data: the session's 64 AD bytes, then the header in fixed-width
  fields, so (AD, header) is parsed one way only.

The library's API is ``async`` although it never waits on anything; ``run``
drives such a coroutine to its end synchronously, so the callers (the store,
the CLI, Textual workers) need no event loop of their own.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from doubleratchet import AEAD, AuthenticationFailedException, DoubleRatchet, Header
from doubleratchet.recommended import (
    HashFunction,
    diffie_hellman_ratchet_curve25519,
    kdf_hkdf,
    kdf_separate_hmacs,
)

T = TypeVar("T")

MESSAGE_CHAIN_CONSTANT = b"\x02\x01"
#: skipped message keys computed for one incoming message at most (out-of-order bound)
DOS_PROTECTION_THRESHOLD = 200
#: skipped message keys kept at most, oldest dropped first
MAX_SKIPPED_MESSAGE_KEYS = 1000
_AEAD_INFO = b"peerhaven-dm-aead-v1"


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine that never suspends (the library's crypto is all synchronous)."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
    coroutine.close()
    raise RuntimeError("the double ratchet unexpectedly waited on I/O")


class DiffieHellmanRatchet(diffie_hellman_ratchet_curve25519.DiffieHellmanRatchet):
    """X25519 Diffie-Hellman ratchet, as the library recommends."""


class RootChainKdf(kdf_hkdf.KDF):
    """HKDF-SHA-256 for the root chain."""

    @staticmethod
    def _get_hash_function() -> HashFunction:
        return HashFunction.SHA_256

    @staticmethod
    def _get_info() -> bytes:
        return b"peerhaven-dm-root-v1"


class MessageChainKdf(kdf_separate_hmacs.KDF):
    """HMAC-SHA-256 per constant byte for the sending and receiving chains."""

    @staticmethod
    def _get_hash_function() -> HashFunction:
        return HashFunction.SHA_256


class ChaChaAead(AEAD):
    """ChaCha20-Poly1305 under a key and nonce derived from the one-time message key."""

    @staticmethod
    def _cipher(key: bytes) -> tuple[ChaCha20Poly1305, bytes]:
        material = HKDF(hashes.SHA256(), 44, salt=bytes(32), info=_AEAD_INFO).derive(key)
        return ChaCha20Poly1305(material[:32]), material[32:]

    @staticmethod
    async def encrypt(plaintext: bytes, key: bytes, associated_data: bytes) -> bytes:
        cipher, nonce = ChaChaAead._cipher(key)
        return cipher.encrypt(nonce, plaintext, associated_data)

    @staticmethod
    async def decrypt(ciphertext: bytes, key: bytes, associated_data: bytes) -> bytes:
        cipher, nonce = ChaChaAead._cipher(key)
        try:
            return cipher.decrypt(nonce, ciphertext, associated_data)
        except InvalidTag as exc:
            raise AuthenticationFailedException("the message does not authenticate") from exc


class PeerHavenRatchet(DoubleRatchet):
    """The double ratchet with PeerHaven's encoding of associated data and header."""

    @staticmethod
    def _build_associated_data(associated_data: bytes, header: Header) -> bytes:
        return (
            associated_data
            + header.ratchet_pub
            + header.previous_sending_chain_length.to_bytes(8, "big")
            + header.sending_chain_length.to_bytes(8, "big")
        )


#: the arguments every ``PeerHavenRatchet`` constructor takes after its own
CONFIGURATION: dict[str, Any] = {
    "diffie_hellman_ratchet_class": DiffieHellmanRatchet,
    "root_chain_kdf": RootChainKdf,
    "message_chain_kdf": MessageChainKdf,
    "message_chain_constant": MESSAGE_CHAIN_CONSTANT,
    "dos_protection_threshold": DOS_PROTECTION_THRESHOLD,
    "max_num_skipped_message_keys": MAX_SKIPPED_MESSAGE_KEYS,
    "aead": ChaChaAead,
}
