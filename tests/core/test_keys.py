"""Key pairs: rebuilding from a seed, signing ids, and never showing the secret."""

from __future__ import annotations

import pickle

import pytest

from peerhaven.core import Keypair, verify_signature
from peerhaven.core.keys import on_curve, usable_public_key
from tests.core.factory import SOME_ID

# RFC 8032, section 7.1, TEST 1: an independent check that the seed is the RFC's secret.
RFC_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"


def test_from_secret_matches_rfc_8032() -> None:
    assert Keypair.from_secret(bytes.fromhex(RFC_SECRET)).pubkey == RFC_PUBLIC


def test_from_secret_round_trip() -> None:
    keys = Keypair.generate()
    again = Keypair.from_secret(keys.secret_bytes())
    assert again.pubkey == keys.pubkey
    assert again.secret_bytes() == keys.secret_bytes()
    assert again.sign_id(SOME_ID) == keys.sign_id(SOME_ID)  # Ed25519 is deterministic


@pytest.mark.parametrize("size", [0, 16, 31, 33, 64])
def test_from_secret_needs_32_bytes(size: int) -> None:
    with pytest.raises(ValueError, match="exactly 32 bytes"):
        Keypair.from_secret(bytes(size))


def test_generated_keys_differ() -> None:
    assert len({Keypair.generate().pubkey for _ in range(5)}) == 5


def test_pubkey_is_64_lowercase_hex() -> None:
    pubkey = Keypair.generate().pubkey
    assert len(pubkey) == 64 and pubkey == pubkey.lower() and bytes.fromhex(pubkey)


def test_repr_never_shows_the_secret() -> None:
    for keys in (Keypair.generate(), Keypair.from_secret(bytes([1]) * 32)):
        secret = keys.secret_bytes()
        for text in (repr(keys), str(keys), f"{keys!r}", repr([keys])):
            assert secret.hex() not in text
            assert secret.hex()[:16] not in text
            assert repr(secret) not in text
        assert repr(keys) == f"Keypair(pubkey={keys.pubkey[:12]}…)"
        assert not hasattr(keys, "__dict__")


def test_a_keypair_cannot_be_pickled_by_accident() -> None:
    # Pickles end up in caches and crash dumps; the secret must not leave that way.
    with pytest.raises((TypeError, pickle.PicklingError)):
        pickle.dumps(Keypair.generate())


def test_signatures_verify_only_for_their_key_and_id() -> None:
    keys, other = Keypair.generate(), Keypair.generate()
    sig = keys.sign_id(SOME_ID)
    assert len(sig) == 128
    assert verify_signature(keys.pubkey, SOME_ID, sig)
    assert not verify_signature(other.pubkey, SOME_ID, sig)
    assert not verify_signature(keys.pubkey, "cd" * 32, sig)
    flipped = sig[:-1] + ("0" if sig[-1] != "0" else "1")
    assert not verify_signature(keys.pubkey, SOME_ID, flipped)


@pytest.mark.parametrize(
    ("pubkey", "event_id", "sig"),
    [("zz", "ab" * 32, "00" * 64), ("ab" * 32, "abc", "00" * 64), ("ab" * 32, "ab" * 32, "0")],
)
def test_verify_signature_answers_false_for_garbage(pubkey: str, event_id: str, sig: str) -> None:
    assert verify_signature(pubkey, event_id, sig) is False


#: the fourteen small-order encodings, as refused by ``strict_point`` (issue 18, item 7)
SMALL_ORDER_KEYS = [
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  # y = p + 1
]


def test_generated_keys_are_usable() -> None:
    assert all(usable_public_key(Keypair.generate().pubkey) for _ in range(50))
    assert usable_public_key(RFC_PUBLIC)


@pytest.mark.parametrize("pubkey", SMALL_ORDER_KEYS)
def test_small_order_and_non_canonical_keys_are_not_usable(pubkey: str) -> None:
    assert not usable_public_key(pubkey)


def test_a_y_with_no_point_on_the_curve_is_not_usable() -> None:
    # y = 2 has no x with -x^2 + y^2 = 1 + d x^2 y^2 (checked against the Montgomery form)
    off_curve = (2).to_bytes(32, "little").hex()
    assert not on_curve(bytes.fromhex(off_curve))
    assert not usable_public_key(off_curve)
    assert not usable_public_key("zz" * 32)
