"""Proof of work: minting, the nonce tag's claim, and how the claim caps the work."""

from __future__ import annotations

import pytest

from peerhaven.core import Limits, event_id, leading_zero_bits, pow_bits, validate
from peerhaven.core.builders import sign_event
from peerhaven.core.pow import _MARKER, claimed_difficulty, mint
from tests.core.factory import KEYS, NOW, SLUG


@pytest.mark.parametrize("claim", ["\u00b2", "\u0663", "1\u00b9", "x", "", "-1"])
def test_a_claim_that_is_not_ascii_digits_counts_as_no_claim(claim: str) -> None:
    # "²".isdigit() is true but int("²") raises; pow_bits must not crash on raw tags.
    assert pow_bits("0" * 64, [("nonce", "1", claim)]) == 0


@pytest.mark.parametrize(
    ("event_id", "bits"),
    [
        ("f" + "0" * 63, 0),
        ("8" + "0" * 63, 0),
        ("7" + "f" * 63, 1),
        ("4" + "0" * 63, 1),
        ("3" + "0" * 63, 2),
        ("2" + "0" * 63, 2),
        ("1" + "f" * 63, 3),
        ("0f" + "f" * 62, 4),
        ("00ff" + "0" * 60, 8),
        ("0001" + "0" * 60, 15),
        ("0000" + "8" + "0" * 59, 16),
        ("0" * 63 + "1", 255),
        ("0" * 64, 256),
    ],
)
def test_leading_zero_bits_on_crafted_ids(event_id: str, bits: int) -> None:
    assert leading_zero_bits(event_id) == bits


@pytest.mark.parametrize("difficulty", [1, 4, 8, 12])
def test_minting_meets_the_difficulty_and_the_claim_matches(difficulty: int) -> None:
    event = sign_event(
        KEYS,
        "post",
        SLUG,
        'Zoë 🫂 "quoted"\n',
        [("cw", "x")],
        created_at=NOW,
        pow_difficulty=difficulty,
    )
    nonce = [tag for tag in event.tags if tag[0] == "nonce"]
    assert len(nonce) == 1
    assert nonce[0][2] == str(difficulty) and nonce[0][1].isdigit()
    assert event.tags[0] == ("cw", "x")
    assert leading_zero_bits(event.id) >= difficulty
    assert pow_bits(event.id, event.tags) == difficulty
    # the id the miner found is the real id of the final tags, and it is signed
    assert event.id == event_id(KEYS.pubkey, NOW, "post", SLUG, event.tags, event.content)
    validate(event, now=NOW, limits=Limits(pow_difficulty=difficulty))


def test_minting_replaces_an_existing_nonce_tag() -> None:
    event = sign_event(
        KEYS, "post", SLUG, "hi", [("nonce", "99", "30")], created_at=NOW, pow_difficulty=4
    )
    assert sum(tag[0] == "nonce" for tag in event.tags) == 1
    assert claimed_difficulty(event.tags) == 4


def test_minting_refuses_content_that_holds_the_internal_marker() -> None:
    with pytest.raises(ValueError, match="nonce marker"):
        mint(KEYS.pubkey, NOW, "post", SLUG, [("reason", _MARKER)], "hi", 4)


@pytest.mark.parametrize(
    ("event_id", "tags", "bits"),
    [
        ("0" * 64, [], 0),  # lucky without a claim: no work
        ("0" * 64, [("nonce", "1", "12")], 12),  # capped by the claim
        ("00ff" + "0" * 60, [("nonce", "1", "20")], 8),  # claim larger than the id has
        ("00ff" + "0" * 60, [("nonce", "1", "8")], 8),
        ("00ff" + "0" * 60, [("cw", "x"), ("nonce", "1", "5"), ("nonce", "2", "8")], 5),
    ],
)
def test_pow_bits_is_capped_by_the_claim(
    event_id: str, tags: list[tuple[str, ...]], bits: int
) -> None:
    assert pow_bits(event_id, tags) == bits


def test_claimed_difficulty() -> None:
    assert claimed_difficulty([]) == 0
    assert claimed_difficulty([("nonce", "5")]) == 0
    assert claimed_difficulty([("reason", "x"), ("nonce", "5", "17")]) == 17


def test_difficulty_zero_adds_no_nonce() -> None:
    event = sign_event(KEYS, "post", SLUG, "hi", created_at=NOW, pow_difficulty=0)
    assert event.tags == ()


@pytest.mark.parametrize(
    ("claim", "bits"),
    [("9" * 5000, 0), ("257", 0), ("0256", 256), ("0" * 4400 + "12", 12), ("000", 0)],
    ids=["5000-nines", "257", "0256", "4400-zeros-then-12", "000"],
)
def test_claims_beyond_256_or_absurdly_long_count_as_no_claim(claim: str, bits: int) -> None:
    assert pow_bits("0" * 64, [("nonce", "1", claim)]) == bits
