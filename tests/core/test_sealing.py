"""Sealed messages open only for their recipients, and any change is detected."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerhaven.core.keys import Keypair
from peerhaven.core.sealing import (
    SealError,
    recipients_of,
    seal,
    unseal,
    x25519_private,
    x25519_public,
)


@given(seed=st.binary(min_size=32, max_size=32))
@settings(max_examples=60)
def test_the_public_map_matches_the_secret_side(seed: bytes) -> None:
    keys = Keypair.from_secret(seed)
    derived = x25519_private(keys).public_key().public_bytes_raw()
    assert x25519_public(keys.pubkey).public_bytes_raw() == derived


def test_known_vector_from_libsodium_convention() -> None:
    # seed of 32 zero bytes: its Ed25519 key 3b6a27bc…, mapped to X25519 as libsodium does
    keys = Keypair.from_secret(bytes(32))
    assert keys.pubkey == "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29"
    assert x25519_public(keys.pubkey).public_bytes_raw().hex() == (
        "5bf55c73b82ebe22be80f3430667af570fae2556a6415e6b30d4065300aa947d"
    )


def test_every_recipient_opens_and_nobody_else() -> None:
    owner, mod, member = (Keypair.generate() for _ in range(3))
    sealed = seal(b"harassing me in DMs since Tuesday", [owner.pubkey, mod.pubkey])
    assert b"harassing" not in sealed.encode()
    assert unseal(sealed, owner) == unseal(sealed, mod) == b"harassing me in DMs since Tuesday"
    assert sorted(recipients_of(sealed)) == sorted([owner.pubkey, mod.pubkey])
    with pytest.raises(SealError, match="not addressed to this persona"):
        unseal(sealed, member)


@pytest.mark.parametrize("field", ["ct", "nonce", "epk"])
def test_any_alteration_is_detected(field: str) -> None:
    mod = Keypair.generate()
    document = json.loads(seal(b"reason", [mod.pubkey]))
    value = bytearray(bytes.fromhex(document[field]))
    value[0] ^= 1
    document[field] = value.hex()
    with pytest.raises(SealError):
        unseal(json.dumps(document), mod)


def test_a_wrapped_key_moved_to_another_recipient_does_not_open() -> None:
    mod, other = Keypair.generate(), Keypair.generate()
    document = json.loads(seal(b"reason", [mod.pubkey]))
    document["keys"] = {other.pubkey: document["keys"][mod.pubkey]}
    with pytest.raises(SealError):
        unseal(json.dumps(document), other)


@pytest.mark.parametrize("junk", ["", "{}", '{"v": 2}', "[1, 2]", '{"v":1,"epk":"zz"}'])
def test_junk_is_one_clear_error(junk: str) -> None:
    with pytest.raises(SealError, match="not a sealed message"):
        unseal(junk, Keypair.generate())
