"""X3DH: both sides agree on the documented secret, and bad headers are refused."""

from __future__ import annotations

import dataclasses

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.x3dh import X3dhHeader, initiate, respond
from peerhaven.core.sealing import x25519_private, x25519_public
from tests.core.dm_helpers import Device


def _documented_secret(a: Device, b: Device, spk: bytes, ek: bytes, otpk: bytes | None) -> bytes:
    """SK exactly as docs/dm.md writes it, computed from B's secrets."""

    def dh(secret: X25519PrivateKey | bytes, public: X25519PublicKey | bytes) -> bytes:
        own = (
            secret
            if isinstance(secret, X25519PrivateKey)
            else (X25519PrivateKey.from_private_bytes(secret))
        )
        other = (
            public
            if isinstance(public, X25519PublicKey)
            else (X25519PublicKey.from_public_bytes(public))
        )
        return own.exchange(other)

    parts = [dh(spk, x25519_public(a.pubkey)), dh(x25519_private(b.keys), ek), dh(spk, ek)]
    if otpk is not None:
        parts.append(dh(otpk, ek))
    hkdf = HKDF(hashes.SHA256(), 32, salt=bytes(32), info=b"peerhaven-dm-x3dh-v1")
    return hkdf.derive(b"\xff" * 32 + b"".join(parts))


@pytest.mark.parametrize("one_time", [3, 0])
def test_both_sides_agree_on_the_documented_secret(one_time: int) -> None:
    alice, bob = Device(), Device()
    bundle = bob.publish(one_time=one_time)
    secrets_before = dataclasses.replace(bob.prekeys, one_time=dict(bob.prekeys.one_time))
    agreement, header = initiate(alice.keys, bundle)
    theirs, spk_secret = respond(bob.keys, bob.prekeys, alice.pubkey, header)
    assert agreement == theirs
    assert agreement.associated_data == bytes.fromhex(alice.pubkey + bob.pubkey)
    otpk = None if header.otpk_id is None else secrets_before.one_time[header.otpk_id]
    assert (header.otpk_id is None) == (one_time == 0)
    expected = _documented_secret(alice, bob, spk_secret, header.ephemeral, otpk)
    assert agreement.shared_secret == expected


def test_the_header_round_trips_in_49_bytes() -> None:
    for header in (X3dhHeader(bytes(range(32)), 5, 9), X3dhHeader(bytes(range(32)), 5, None)):
        data = header.to_bytes()
        assert len(data) == 49
        assert X3dhHeader.from_bytes(data) == header
    with pytest.raises(DmError, match="malformed"):
        X3dhHeader.from_bytes(bytes(32) + bytes(8) + b"\x02" + bytes(8))


def test_a_low_order_ephemeral_key_is_refused() -> None:
    alice, bob = Device(), Device()
    bob.publish()
    _, header = initiate(alice.keys, bob.publish())
    zero = dataclasses.replace(header, ephemeral=bytes(32))
    with pytest.raises(DmError, match="malformed"):
        respond(bob.keys, bob.prekeys, alice.pubkey, zero)


def test_an_unknown_signed_prekey_is_refused() -> None:
    alice, bob = Device(), Device()
    _, header = initiate(alice.keys, bob.publish())
    with pytest.raises(DmError, match="no longer holds"):
        respond(bob.keys, bob.prekeys, alice.pubkey, dataclasses.replace(header, spk_id=1))
