"""Signed requests: accepted as made, refused when stale, altered or replayed elsewhere."""

from __future__ import annotations

import pytest

from peerhaven.core.auth import AuthError, auth_header, check_auth
from peerhaven.core.keys import Keypair

KEYS = Keypair.from_secret(bytes([3]) * 32)
NOW = 1_790_000_000


def test_a_signed_request_names_its_persona() -> None:
    header = auth_header(KEYS, "GET", "/v1/reports", "grief-circle", NOW)
    assert check_auth(header, "GET", "/v1/reports", "grief-circle", NOW + 10) == KEYS.pubkey


@pytest.mark.parametrize(
    ("method", "path", "community", "now", "message"),
    [
        ("GET", "/v1/reports", "other-circle", NOW, "does not verify"),
        ("POST", "/v1/reports", "grief-circle", NOW, "does not verify"),
        ("GET", "/v1/events", "grief-circle", NOW, "does not verify"),
        ("GET", "/v1/reports", "grief-circle", NOW + 301, "away from the relay's clock"),
        ("GET", "/v1/reports", "grief-circle", NOW - 301, "away from the relay's clock"),
    ],
)
def test_a_header_is_good_for_one_request_and_a_few_minutes(
    method: str, path: str, community: str, now: int, message: str
) -> None:
    header = auth_header(KEYS, "GET", "/v1/reports", "grief-circle", NOW)
    with pytest.raises(AuthError, match=message):
        check_auth(header, method, path, community, now)


@pytest.mark.parametrize("header", [None, "", "Bearer abc", "PeerHaven pubkey=zz, ts=1, sig=00"])
def test_missing_or_malformed_headers(header: str | None) -> None:
    with pytest.raises(AuthError):
        check_auth(header, "GET", "/v1/reports", "grief-circle", NOW)


def test_another_key_cannot_claim_the_signature() -> None:
    header = auth_header(KEYS, "GET", "/v1/reports", "grief-circle", NOW)
    other = Keypair.generate().pubkey
    forged = header.replace(KEYS.pubkey, other)
    with pytest.raises(AuthError, match="does not verify"):
        check_auth(forged, "GET", "/v1/reports", "grief-circle", NOW)
