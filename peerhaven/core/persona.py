"""Personas: a key pair, and a pseudonym anyone can derive from its public key.

The pseudonym is a pure function of the pubkey, so every client shows the same
name for the same persona and no profile event can claim someone else's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from peerhaven.core.keys import Keypair
from peerhaven.core.wordlists import ADJECTIVES, NOUNS

PSEUDONYM_NUMBERS = 9_999


def pseudonym(pubkey: str) -> str:
    """``adjective-noun-number`` derived from the public key, e.g. ``quiet-heron-42``."""
    digest = hashlib.sha256(b"peerhaven-pseudonym\x00" + bytes.fromhex(pubkey)).digest()
    number = int.from_bytes(digest[2:10], "big") % PSEUDONYM_NUMBERS + 1
    return f"{ADJECTIVES[digest[0]]}-{NOUNS[digest[1]]}-{number}"


def fingerprint(pubkey: str) -> str:
    """A short form of the key to tell apart two personas with the same pseudonym."""
    return f"{pubkey[:4]}…{pubkey[-4:]}"


@dataclass(frozen=True, slots=True)
class Persona:
    """A persona as the rest of the app sees it: keys plus the derived name."""

    keys: Keypair
    pseudonym: str

    @classmethod
    def generate(cls) -> Persona:
        """A brand-new persona made on this device; nothing about the person goes in."""
        keys = Keypair.generate()
        return cls(keys=keys, pseudonym=pseudonym(keys.pubkey))

    @classmethod
    def from_secret(cls, secret: bytes) -> Persona:
        """Rebuild a stored persona."""
        keys = Keypair.from_secret(secret)
        return cls(keys=keys, pseudonym=pseudonym(keys.pubkey))

    @property
    def pubkey(self) -> str:
        """The persona's public key as hex."""
        return self.keys.pubkey
