"""Proof of work: minting, the nonce tag's claim, and how the claim caps the work."""

from __future__ import annotations

import pytest

from peerhaven.core import pow_bits


@pytest.mark.parametrize("claim", ["\u00b2", "\u0663", "1\u00b9", "x", "", "-1"])
def test_a_claim_that_is_not_ascii_digits_counts_as_no_claim(claim: str) -> None:
    # "²".isdigit() is true but int("²") raises; pow_bits must not crash on raw tags.
    assert pow_bits("0" * 64, [("nonce", "1", claim)]) == 0
