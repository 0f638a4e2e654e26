"""Strict Ed25519: small-order keys, non-canonical points and S >= L are refused.

The vectors are data, written out here: the eight small-order points with their
six non-canonical encodings, and the twelve cases of "Taming the many EdDSAs"
(Chalkias, Garillot, Nikolaenko, SSR 2020; the ed25519-speccheck cases).
"""

from __future__ import annotations

import pytest

from peerhaven.core import InvalidEvent, Keypair, Reason, validate, verify_signature
from peerhaven.core.canonical import event_id
from peerhaven.core.event import Event
from peerhaven.core.keys import strict_point, verify_bytes
from tests.core.factory import NOW, SLUG, signed

FF30 = "ff" * 30
#: canonical encodings of the eight points of small order
SMALL_ORDER = [
    "01" + "00" * 31,  # identity, order 1
    "ec" + FF30 + "7f",  # y = p - 1, order 2
    "00" * 32,  # y = 0, order 4
    "00" * 31 + "80",  # y = 0 with the other sign, order 4
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  # order 8
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",  # order 8
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",  # order 8
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",  # order 8
]
#: the six non-canonical encodings of small-order points
SMALL_ORDER_NON_CANONICAL = [
    "01" + "00" * 30 + "80",  # identity, x = 0 written with a sign
    "ec" + FF30 + "ff",  # y = p - 1, x = 0 with a sign
    "ed" + FF30 + "7f",  # y = p, i.e. 0
    "ed" + FF30 + "ff",
    "ee" + FF30 + "7f",  # y = p + 1, i.e. 1
    "ee" + FF30 + "ff",
]
#: y >= p is never a canonical encoding, whatever point it names
NON_CANONICAL = ["f0" + FF30 + "7f", "ff" * 32]

# Taming the many EdDSAs: (message, public key, signature, accepted by a strict verifier)
TAMING = [
    # 0: S = 0, A and R of small order
    (
        "8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a" + "00" * 32,
        False,
    ),
    # 1: A of small order, R mixed
    (
        "9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43"
        "a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04",
        False,
    ),
    # 2: A mixed, R of small order
    (
        "aebf3f2601a0c8c5d39cc7d8911642f740b78168218da8471772b35f9d35b9ab",
        "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"
        "8c4bd45aecaca5b24fb97bc10ac27ac8751a7dfe1baff8b953ec9f5833ca260e",
        False,
    ),
    # 3: A and R mixed, holds with and without the cofactor: a valid signature
    (
        "9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79",
        "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
        "9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f"
        "87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009",
        True,
    ),
    # 4: holds only with the cofactor; refused by cofactorless verification
    (
        "e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c",
        "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
        "160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed512"
        "5ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09",
        False,
    ),
    # 5: R of order L, holds only with the cofactor
    (
        "e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c",
        "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
        "21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7"
        "e40bc836dac0f71076f9abe3a53f9c03c1ceeeddb658d0030494ace586687405",
        False,
    ),
    # 6: S > L
    (
        "85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40",
        "442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623",
        "e96f66be976d82e60150baecff9906684aebb1ef181f67a7189ac78ea23b6c0e"
        "547f7690a0e2ddcd04d87dbc3490dc19b3b3052f7ff0538cb68afb369ba3a514",
        False,
    ),
    # 7: S >> L (and a 65-byte signature)
    (
        "85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40",
        "442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623",
        "8ce5b96c8f26d0ab6c47958c9e68b937104cd36e13c33566acd2fe8d38aa1942"
        "7e71f98a4734e74f2f13f06f97c20d58cc3f54b8bd0d272f42b695dd7e89a8c202",
        False,
    ),
    # 8: R = p - 1 with a sign (small order, x = 0 signed)
    (
        "9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41",
        "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
        "ec" + FF30 + "ff" + "03be9678ac102edcd92b0210bb34d7428d12ffc5df5f37e359941266a4e35f0f",
        False,
    ),
    # 9: the same R with another S
    (
        "9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41",
        "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
        "ec" + FF30 + "ff" + "ca8c5b64cd208982aa38d4936621a4775aa233aa0505711d8fdcfdaa943d4908",
        False,
    ),
    # 10: A = p - 1 with a sign (small order)
    (
        "e96b7021eb39c1a163b6da4e3093dcd3f21387da4cc4572be588fafae23c155b",
        "ec" + FF30 + "ff",
        "a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dc"
        "a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04",
        False,
    ),
    # 11: the same A, another message
    (
        "39a591f5321bbe07fd5a23dc2f39d025d74526615746727ceefd6e82ae65c06f",
        "ec" + FF30 + "ff",
        "a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dc"
        "a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04",
        False,
    ),
]


@pytest.mark.parametrize("point", SMALL_ORDER + SMALL_ORDER_NON_CANONICAL + NON_CANONICAL)
def test_small_order_and_non_canonical_points_are_refused(point: str) -> None:
    assert not strict_point(bytes.fromhex(point))


def test_ordinary_keys_pass() -> None:
    for _ in range(20):
        assert strict_point(bytes.fromhex(Keypair.generate().pubkey))


@pytest.mark.parametrize("point", SMALL_ORDER + SMALL_ORDER_NON_CANONICAL)
def test_the_zero_signature_of_a_small_order_key_is_refused(point: str) -> None:
    # R = the identity and S = 0 satisfies [S]B = R + [k]A for every A of small
    # order and every message: anyone could "sign" anything for such a key.
    message = bytes(32)
    assert not verify_bytes(point, message, "01" + "00" * 63)
    assert not verify_bytes(point, message, point + "00" * 32)


@pytest.mark.parametrize(("number", "case"), list(enumerate(TAMING)))
def test_taming_the_many_eddsas(number: int, case: tuple[str, str, str, bool]) -> None:
    message, pubkey, sig, accepted = case
    assert verify_signature(pubkey, message, sig) is accepted, number


def test_s_plus_l_is_a_second_signature_that_is_refused() -> None:
    keys = Keypair.generate()
    message = "ab" * 32
    sig = keys.sign_id(message)
    s = int.from_bytes(bytes.fromhex(sig[64:]), "little")
    malleated = (
        sig[:64]
        + (s + 2**252 + 27742317777372353535851937790883648493).to_bytes(32, "little").hex()
    )
    assert verify_signature(keys.pubkey, message, sig)
    assert not verify_signature(keys.pubkey, message, malleated)


def test_the_forged_event_of_issue_18_is_refused() -> None:
    pubkey, sig = "01" + "00" * 31, "01" + "00" * 63
    content = "anyone can sign this"
    ident = event_id(pubkey, NOW, "post", SLUG, (), content)
    forged = Event(ident, pubkey, NOW, "post", SLUG, (), content, sig)
    with pytest.raises(InvalidEvent) as caught:
        validate(forged, now=NOW)
    assert caught.value.reason is Reason.BAD_SIGNATURE
    validate(signed(content=content), now=NOW)  # an honest one still passes
